/**
 * What the form actions answer when they refuse (sign-in, account, admin
 * pages): the validation messages of their zod schemas and their own
 * failures. Vietnamese first, English on `?lang=en` (the forms post to an
 * action URL that keeps it); `{x}` placeholders go through fill().
 */
import type { Lang } from '../i18n.ts';

const vi = {
	// Sign-in
	loginMissing: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
	loginWrong: 'Tên đăng nhập hoặc mật khẩu không đúng.',
	loginThrottled: 'Đăng nhập sai quá nhiều lần. Vì an toàn, vui lòng thử lại sau {minutes} phút.',
	loginUnreadable:
		'Không đọc được biểu mẫu đăng nhập. Vui lòng nhập lại tên đăng nhập và mật khẩu.',
	// Account
	currentRequired: 'Vui lòng nhập mật khẩu hiện tại.',
	nextTooShort: 'Mật khẩu mới phải có ít nhất 10 ký tự.',
	nextTooLong: 'Mật khẩu mới tối đa 256 ký tự.',
	repeatMismatch: 'Hai lần nhập mật khẩu mới không khớp.',
	wrongCurrent: 'Mật khẩu hiện tại không đúng.',
	sameAsCurrent: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
	weakPassword: 'Mật khẩu mới chưa đủ mạnh (10–256 ký tự).',
	// Unit codes (every admin form that names a unit)
	unitRequired: 'Vui lòng nhập mã đơn vị.',
	unitTooLong: 'Mã đơn vị quá dài.',
	unitChars: 'Mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới.',
	// Users
	usernameFormat:
		'Tên đăng nhập: 3–64 ký tự gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.',
	userRole: 'Vai trò phải là admin, supervisor hoặc unit.',
	passwordTooLong: 'Mật khẩu tối đa 256 ký tự.',
	passwordTooShort: 'Mật khẩu phải có ít nhất 10 ký tự (hoặc để trống để tạo tự động).',
	userExists: 'Đã có người dùng "{username}".',
	noUser: 'Không có người dùng "{username}".',
	selfDisable: 'Không thể tự khóa tài khoản của chính mình.',
	selfReset: 'Đổi mật khẩu của chính mình ở trang Tài khoản.',
	// Keys and wall displays
	keyName: 'Tên khóa: 2–64 ký tự.',
	keyNameChars: 'Tên khóa chỉ gồm chữ, số, dấu cách, dấu chấm, gạch ngang, gạch dưới.',
	keyRole: 'Vai trò khóa phải là ingest, read hoặc display.',
	keyId: 'Mã khóa không hợp lệ.',
	noKey: 'Không có khóa này, hoặc khóa đã bị thu hồi.',
	displayName: 'Tên màn hình: 2–64 ký tự.',
	displayNameChars: 'Tên màn hình chỉ gồm chữ, số, dấu cách, dấu chấm, gạch ngang, gạch dưới.',
	noDisplay: 'Không có liên kết trình chiếu này, hoặc đã bị thu hồi.',
	// Unit registry and mergers
	dvcqgTooLong: 'Mã DVCQG tối đa 64 ký tự.',
	dvcqgChars: 'Mã DVCQG chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới.',
	dvcqgTaken: 'Mã DVCQG "{code}" đã gán cho đơn vị {holder}.',
	unitsFileMissing: 'Vui lòng chọn một tệp CSV hoặc GeoJSON.',
	unitsFileType: 'Tệp phải có đuôi .csv, .geojson hoặc .json.',
	mergersFileMissing: 'Vui lòng chọn tệp CSV old_code,new_code,effective_date.',
	notUtf8: 'Tệp không phải văn bản UTF-8 (hãy lưu lại với mã hóa UTF-8).',
	fileErrors: 'Tệp có {n} lỗi — chưa có gì được ghi.',
	// Report parameters
	reportKind: 'Loại kỳ phải là month, quarter, year, reporting hoặc custom.',
	// Calendar
	badYear: 'Năm không hợp lệ: {reason}',
	noOverride: 'Không có điều chỉnh nào ngày {day}.'
};

export type FormStrings = typeof vi;

const en: FormStrings = {
	loginMissing: 'Please enter your username and password.',
	loginWrong: 'Wrong username or password.',
	loginThrottled: 'Too many failed sign-ins. For safety, please try again in {minutes} min.',
	loginUnreadable:
		'The sign-in form could not be read. Please enter your username and password again.',
	currentRequired: 'Please enter your current password.',
	nextTooShort: 'The new password must have at least 10 characters.',
	nextTooLong: 'The new password may have at most 256 characters.',
	repeatMismatch: 'The two new passwords differ.',
	wrongCurrent: 'The current password is wrong.',
	sameAsCurrent: 'The new password must differ from the current one.',
	weakPassword: 'The new password is not strong enough (10–256 characters).',
	unitRequired: 'Please enter a unit code.',
	unitTooLong: 'The unit code is too long.',
	unitChars: 'A unit code holds only letters, digits, dots, hyphens and underscores.',
	usernameFormat:
		'Username: 3–64 characters, unaccented letters, digits, dots, hyphens and underscores.',
	userRole: 'The role must be admin, supervisor or unit.',
	passwordTooLong: 'A password may have at most 256 characters.',
	passwordTooShort:
		'A password must have at least 10 characters (or leave it empty to generate one).',
	userExists: 'User "{username}" exists already.',
	noUser: 'There is no user "{username}".',
	selfDisable: 'You cannot disable your own account.',
	selfReset: 'Change your own password on the Account page.',
	keyName: 'Key name: 2–64 characters.',
	keyNameChars: 'A key name holds only letters, digits, spaces, dots, hyphens and underscores.',
	keyRole: 'The key role must be ingest, read or display.',
	keyId: 'Invalid key id.',
	noKey: 'There is no such key, or it was revoked.',
	displayName: 'Screen name: 2–64 characters.',
	displayNameChars:
		'A screen name holds only letters, digits, spaces, dots, hyphens and underscores.',
	noDisplay: 'There is no such display link, or it was revoked.',
	dvcqgTooLong: 'A DVCQG code may have at most 64 characters.',
	dvcqgChars: 'A DVCQG code holds only letters, digits, dots, hyphens and underscores.',
	dvcqgTaken: 'DVCQG code "{code}" belongs to unit {holder} already.',
	unitsFileMissing: 'Please choose a CSV or GeoJSON file.',
	unitsFileType: 'The file must end in .csv, .geojson or .json.',
	mergersFileMissing: 'Please choose a CSV file old_code,new_code,effective_date.',
	notUtf8: 'The file is not UTF-8 text (save it again as UTF-8).',
	fileErrors: 'The file has {n} errors — nothing was written.',
	reportKind: 'The period kind must be month, quarter, year, reporting or custom.',
	badYear: 'Invalid year: {reason}',
	noOverride: 'There is no override on {day}.'
};

export const FORM_STRINGS: Record<Lang, FormStrings> = { vi, en };

/** Built once per language from its messages: a form's zod schema, say. */
export function byLang<T>(build: (m: FormStrings) => T): Record<Lang, T> {
	return { vi: build(vi), en: build(en) };
}
