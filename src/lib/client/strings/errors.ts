/**
 * What the server answers in words when a page cannot be shown: the error
 * page, the pages the request hook answers itself, and the reasons loads and
 * form actions refuse (unknown, outside the scope, not signed in, no access).
 * Vietnamese first, English on `?lang=en`; `{x}` placeholders go through fill().
 */
import type { Lang } from '../i18n.ts';

const vi = {
	// Titles of the error page and the hook's own pages
	notFound: 'Không tìm thấy trang',
	badRequest: 'Yêu cầu không hợp lệ',
	noAccess: 'Không có quyền truy cập',
	serverError: 'Lỗi máy chủ',
	databaseDown: 'Không kết nối được cơ sở dữ liệu',
	badUrl: 'Địa chỉ không hợp lệ',
	// Their sentences
	adminOnly: 'Chỉ quản trị viên được truy cập mục này.',
	badUrlText: 'Địa chỉ trang chứa ký tự không hợp lệ ({reason}).',
	databaseDownText:
		'Máy chủ tạm thời không truy cập được cơ sở dữ liệu. Trang sẽ tự tải lại khi kết nối được khôi phục; số liệu không bị mất.',
	databaseDownReload:
		'Không kết nối được cơ sở dữ liệu. Trang sẽ tự tải lại khi kết nối được khôi phục.',
	dataSafe: 'Số liệu không bị mất: khi cơ sở dữ liệu trở lại, trang tự hiện số liệu mới nhất.',
	badForm: 'Biểu mẫu gửi tới một thao tác không có.',
	badInput: 'Yêu cầu chứa giá trị không hợp lệ.',
	internal: 'Lỗi máy chủ. Vui lòng thử lại; nếu lỗi lặp lại, báo quản trị viên mã lỗi này.',
	requestId: 'Mã yêu cầu',
	home: 'Về trang tổng quan',
	myAccount: 'Tài khoản của tôi',
	// Why a page or an action refuses
	loginRequired: 'Cần đăng nhập.',
	outsideScope: 'Đơn vị này nằm ngoài phạm vi của bạn.',
	noUnit: 'Không có đơn vị mã "{code}".',
	noDossier: 'Không có hồ sơ mã "{code}" trong phạm vi của bạn.',
	noReminder: 'Không có lượt nhắc này trong phạm vi của bạn.',
	noSnapshot: 'Không có bản chốt số liệu này trong phạm vi của bạn.',
	notAChild: 'Tham số `child` không hợp lệ: {child} không trực thuộc {unit}.',
	// A form body that cannot be read (api/form.ts)
	formType:
		'Biểu mẫu gửi lên không đúng định dạng (cần application/x-www-form-urlencoded hoặc multipart/form-data).',
	formBroken: 'Không đọc được biểu mẫu gửi lên (nội dung bị hỏng).',
	formChars: 'Biểu mẫu chứa ký tự không hợp lệ (ký tự NUL hoặc mã Unicode hỏng).'
};

export type ErrorStrings = typeof vi;

const en: ErrorStrings = {
	notFound: 'Page not found',
	badRequest: 'Bad request',
	noAccess: 'No access',
	serverError: 'Server error',
	databaseDown: 'The database cannot be reached',
	badUrl: 'Invalid address',
	adminOnly: 'Only administrators may open this page.',
	badUrlText: 'The address holds characters that are not allowed ({reason}).',
	databaseDownText:
		'The server cannot reach its database for the moment. The page reloads by itself once the connection is back; no data is lost.',
	databaseDownReload:
		'The database cannot be reached. The page reloads by itself once the connection is back.',
	dataSafe: 'No data is lost: once the database is back, the page shows the latest figures.',
	badForm: 'The form was sent to an action that does not exist.',
	badInput: 'The request holds a value that is not valid.',
	internal: 'Server error. Please try again; if it happens again, give the administrator this id.',
	requestId: 'Request id',
	home: 'Back to the overview',
	myAccount: 'My account',
	loginRequired: 'Please sign in.',
	outsideScope: 'This unit is outside your scope.',
	noUnit: 'There is no unit with code "{code}".',
	noDossier: 'There is no dossier "{code}" in your scope.',
	noReminder: 'There is no such reminder in your scope.',
	noSnapshot: 'There is no such snapshot in your scope.',
	notAChild: 'Invalid `child` parameter: {child} is not under {unit}.',
	formType:
		'The form was not sent in a form encoding (application/x-www-form-urlencoded or multipart/form-data).',
	formBroken: 'The form could not be read (its content is broken).',
	formChars: 'The form holds characters that are not allowed (NUL or broken Unicode).'
};

export const ERROR_STRINGS: Record<Lang, ErrorStrings> = { vi, en };
