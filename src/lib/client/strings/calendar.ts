/** Strings of the admin calendar page: Vietnamese first, English on `?lang=en`. */
import type { Lang } from '../i18n.ts';

const vi = {
	title: 'Lịch làm việc',
	appliesNote:
		'Thay đổi chỉ áp dụng cho hồ sơ tiếp nhận sau thời điểm thay đổi: hạn trả (ngày hẹn) được tính theo lịch và lưu lại ngay khi tiếp nhận, nên hồ sơ đã nhận không đổi hạn.',
	sourceAnnounced: 'Lịch nghỉ năm {y} theo thông báo của Chính phủ: {s}.',
	sourceRules:
		'Năm {y} chưa có thông báo lịch nghỉ: áp dụng quy tắc của Bộ luật Lao động 2019 (ngày lễ, Tết và nghỉ bù).',
	months: [
		'Tháng 1',
		'Tháng 2',
		'Tháng 3',
		'Tháng 4',
		'Tháng 5',
		'Tháng 6',
		'Tháng 7',
		'Tháng 8',
		'Tháng 9',
		'Tháng 10',
		'Tháng 11',
		'Tháng 12'
	],
	weekdays: ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'],
	legend: 'Chú giải',
	legendHoliday: 'Ngày nghỉ lễ, Tết, nghỉ bù',
	legendWeekend: 'Thứ Bảy, Chủ nhật',
	legendMakeUp: 'Ngày làm bù (làm việc)',
	legendOverride: 'Ngày do quản trị viên điều chỉnh',
	days: 'Ngày nghỉ và ngày làm bù trong năm',
	day: 'Ngày',
	kind: 'Loại',
	name: 'Tên',
	source: 'Nguồn',
	kind_off: 'Nghỉ',
	kind_working: 'Làm việc',
	source_announced: 'Thông báo',
	source_rules: 'Luật',
	source_override: 'Điều chỉnh',
	overriddenBy: 'được điều chỉnh',
	add: 'Thêm điều chỉnh',
	addHint:
		'Thêm ngày nghỉ bổ sung, hoặc biến một ngày nghỉ (kể cả thứ Bảy) thành ngày làm việc. Ghi cùng ngày sẽ thay thế điều chỉnh cũ.',
	note: 'Ghi chú (văn bản, lý do)',
	save: 'Lưu',
	remove: 'Xóa',
	overrides: 'Điều chỉnh của quản trị viên',
	noOverrides: 'Chưa có điều chỉnh nào trong năm {y}.',
	saved: 'Đã lưu {d}: {k}.',
	removed: 'Đã xóa điều chỉnh ngày {d}.',
	updated: 'Cập nhật',
	prevYear: 'Năm trước',
	nextYear: 'Năm sau',
	working: 'làm việc',
	off: 'nghỉ'
};

export type CalendarStrings = typeof vi;

const en: CalendarStrings = {
	title: 'Working calendar',
	appliesNote:
		'Changes apply only to dossiers received after the change: the appointment (dueAt) is computed from the calendar and stored at receipt, so dossiers already received keep their deadlines.',
	sourceAnnounced: 'Days off in {y} as announced by the government: {s}.',
	sourceRules:
		'No announcement for {y}: the Labour Code 2019 rules apply (holidays, Tết and compensatory days).',
	months: [
		'January',
		'February',
		'March',
		'April',
		'May',
		'June',
		'July',
		'August',
		'September',
		'October',
		'November',
		'December'
	],
	weekdays: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
	legend: 'Legend',
	legendHoliday: 'Holiday, Tết, compensatory day',
	legendWeekend: 'Saturday, Sunday',
	legendMakeUp: 'Make-up working day',
	legendOverride: 'Changed by an admin',
	days: 'Days off and make-up days of the year',
	day: 'Day',
	kind: 'Kind',
	name: 'Name',
	source: 'Source',
	kind_off: 'Off',
	kind_working: 'Working',
	source_announced: 'Announced',
	source_rules: 'Law',
	source_override: 'Override',
	overriddenBy: 'overridden',
	add: 'Add an override',
	addHint:
		'Add an extra day off, or make a day off (a Saturday too) a working day. Saving the same day replaces its override.',
	note: 'Note (document, reason)',
	save: 'Save',
	remove: 'Remove',
	overrides: "Admin's overrides",
	noOverrides: 'No override in {y} yet.',
	saved: 'Saved {d}: {k}.',
	removed: 'Removed the override of {d}.',
	updated: 'Updated',
	prevYear: 'Previous year',
	nextYear: 'Next year',
	working: 'working',
	off: 'off'
};

export const CALENDAR_STRINGS: Record<Lang, CalendarStrings> = { vi, en };
