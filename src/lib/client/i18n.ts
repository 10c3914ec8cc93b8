/** UI strings: Vietnamese first, English on `?lang=en`. */
import { LAG_WORDS_VI } from '../domain/freshness/lag.ts';

export type Lang = 'vi' | 'en';

const vi = {
	received: 'Tiếp nhận',
	onlineRate: 'Tỷ lệ trực tuyến',
	onTimeRate: 'Tỷ lệ đúng hạn',
	overdueNow: 'Đang quá hạn',
	digitized: 'Số hóa kết quả',
	satisfaction: 'Hài lòng',
	online: 'Trực tuyến',
	direct: 'Trực tiếp',
	postal: 'Bưu chính',
	today: 'Hôm nay',
	month: 'Tháng này',
	quarter: 'Quý',
	year: 'Năm',
	custom: 'Tùy chọn',
	metric_onTime: 'Đúng hạn',
	metric_online: 'Trực tuyến',
	metric_digitizedIntake: 'Số hóa hồ sơ',
	metric_digitizedResult: 'Số hóa kết quả',
	metric_satisfaction: 'Hài lòng',
	ranking: 'Xếp hạng đơn vị',
	rank: 'Hạng',
	unit: 'Đơn vị',
	value: 'Tỷ lệ',
	interval: 'Khoảng tin cậy 95%',
	change: 'So kỳ trước',
	map: 'Bản đồ',
	trends: 'Xu hướng',
	dailyReceived: 'Hồ sơ tiếp nhận theo ngày',
	onTimeTrend: 'Tỷ lệ đúng hạn theo ngày (khoảng tin cậy 95%)',
	satisfactionTrend: 'Tỷ lệ hài lòng theo ngày (khoảng tin cậy 95%)',
	liveFeed: 'Hoạt động trực tiếp',
	arrivedLate: 'đồng bộ trễ',
	tooFew: 'chưa đủ số liệu',
	partialNote: 'Hôm nay chưa hết ngày: điểm cuối nét đứt, và bỏ qua khi dưới 10 hồ sơ.',
	updatedAt: 'cập nhật lúc',
	demo: 'dữ liệu mẫu',
	onTimeNote: 'Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / số hồ sơ đã giải quyết trong kỳ',
	vsPrevious: 'so với kỳ trước',
	vsPreviousToDate: 'so với cùng số ngày của kỳ trước',
	carriedOver: 'kỳ trước chuyển qua',
	pendingNow: 'đang giải quyết',
	intakeDigitized: 'hồ sơ số hóa',
	unsatisfied: 'không hài lòng',
	noData: 'Chưa có hồ sơ trong kỳ này.',
	noChildren: 'Đơn vị này không có đơn vị trực thuộc.',
	logout: 'Đăng xuất',
	connected: 'Đang kết nối trực tiếp',
	disconnected: 'Mất kết nối — dữ liệu lúc',
	databaseDown: 'Máy chủ mất kết nối cơ sở dữ liệu — số liệu lúc',
	of: 'trên',
	dossiers: 'hồ sơ',
	pendingWithin: 'trong hạn',
	ratings: 'lượt đánh giá',
	apply: 'Xem',
	from: 'Từ',
	to: 'Đến',
	verb_received: 'tiếp nhận hồ sơ',
	verb_resolved: 'giải quyết hồ sơ',
	verb_returned: 'trả kết quả',
	verb_withdrawn: 'hồ sơ được rút',
	verb_rejected: 'từ chối hồ sơ',
	verb_rated: 'nhận đánh giá',
	verb_rescheduled: 'hẹn lại hồ sơ',
	verb_supplement: 'yêu cầu bổ sung hồ sơ',
	verb_feedback_received: 'nhận phản ánh, kiến nghị',
	verb_feedback_resolved: 'xử lý phản ánh, kiến nghị',
	verb_overdue: 'hồ sơ quá hạn',
	legend: 'Chú giải',
	kpis: 'Chỉ tiêu chính',
	metrics: 'Chỉ số',
	noValue: 'chưa có dữ liệu',
	nav_overview: 'Tổng quan',
	nav_overdue: 'Theo dõi quá hạn',
	nav_reports: 'Báo cáo',
	nav_admin: 'Quản trị',
	nav_account: 'Tài khoản',
	menu: 'Danh mục',
	sections: 'Mục',
	languages: 'Ngôn ngữ',
	periodPicker: 'Kỳ báo cáo',
	dayInvalid: 'Ngày phải có dạng dd/mm/yyyy',
	dayPicker: '{label}: lịch',
	breadcrumb: 'Đường dẫn',
	lag: LAG_WORDS_VI
};

const en: typeof vi = {
	received: 'Received',
	onlineRate: 'Online rate',
	onTimeRate: 'On-time rate',
	overdueNow: 'Overdue now',
	digitized: 'Results digitised',
	satisfaction: 'Satisfaction',
	online: 'Online',
	direct: 'Direct',
	postal: 'Postal',
	today: 'Today',
	month: 'This month',
	quarter: 'Quarter',
	year: 'Year',
	custom: 'Custom',
	metric_onTime: 'On time',
	metric_online: 'Online',
	metric_digitizedIntake: 'Intake digitised',
	metric_digitizedResult: 'Results digitised',
	metric_satisfaction: 'Satisfaction',
	ranking: 'Unit ranking',
	rank: 'Rank',
	unit: 'Unit',
	value: 'Rate',
	interval: '95% interval',
	change: 'vs previous',
	map: 'Map',
	trends: 'Trends',
	dailyReceived: 'Dossiers received per day',
	onTimeTrend: 'On-time rate per day (95% interval)',
	satisfactionTrend: 'Satisfaction per day (95% interval)',
	liveFeed: 'Live activity',
	arrivedLate: 'synced late',
	tooFew: 'too few dossiers',
	partialNote: 'Today is not over: its point is dashed, and left out under 10 dossiers.',
	updatedAt: 'updated at',
	demo: 'demo data',
	onTimeNote: 'On-time rate = (early + on time) / dossiers resolved in the period',
	vsPrevious: 'vs previous period',
	vsPreviousToDate: 'vs the same days of the previous period',
	carriedOver: 'carried over',
	pendingNow: 'pending',
	intakeDigitized: 'intake digitised',
	unsatisfied: 'unsatisfied',
	noData: 'No dossiers in this period yet.',
	noChildren: 'This unit has no sub-units.',
	logout: 'Log out',
	connected: 'Live',
	disconnected: 'Disconnected — data as of',
	databaseDown: 'The server lost its database — figures as of',
	of: 'of',
	dossiers: 'dossiers',
	pendingWithin: 'within deadline',
	ratings: 'ratings',
	apply: 'Show',
	from: 'From',
	to: 'To',
	verb_received: 'received a dossier',
	verb_resolved: 'resolved a dossier',
	verb_returned: 'returned a result',
	verb_withdrawn: 'dossier withdrawn',
	verb_rejected: 'rejected a dossier',
	verb_rated: 'got a rating',
	verb_rescheduled: 'rescheduled a dossier',
	verb_supplement: 'asked for supplements',
	verb_feedback_received: 'received feedback',
	verb_feedback_resolved: 'resolved feedback',
	verb_overdue: 'dossier overdue',
	legend: 'Legend',
	kpis: 'Key figures',
	metrics: 'Indicators',
	noValue: 'no data',
	nav_overview: 'Overview',
	nav_overdue: 'Overdue watch',
	nav_reports: 'Reports',
	nav_admin: 'Admin',
	nav_account: 'Account',
	menu: 'Menu',
	sections: 'Sections',
	languages: 'Languages',
	periodPicker: 'Reporting period',
	dayInvalid: 'A day is written dd/mm/yyyy',
	dayPicker: '{label}: calendar',
	breadcrumb: 'Breadcrumb',
	lag: { inTime: 'in time', late: '{d} late', minutes: 'min', hours: 'h', days: 'days' }
};

export type Strings = typeof vi;
export const STRINGS: Record<Lang, Strings> = { vi, en };
/** The language a page is asked in: `?lang=en`, else Vietnamese. */
export const langOf = (url: URL | URLSearchParams): Lang =>
	(url instanceof URL ? url.searchParams : url).get('lang') === 'en' ? 'en' : 'vi';

const VERBS: Record<string, keyof Strings> = {
	'dossier.received': 'verb_received',
	'dossier.resolved': 'verb_resolved',
	'dossier.returned': 'verb_returned',
	'dossier.withdrawn': 'verb_withdrawn',
	'dossier.rejected': 'verb_rejected',
	'dossier.rated': 'verb_rated',
	'dossier.rescheduled': 'verb_rescheduled',
	'dossier.supplement_requested': 'verb_supplement',
	'feedback.received': 'verb_feedback_received',
	'feedback.resolved': 'verb_feedback_resolved',
	'dossier.overdue': 'verb_overdue'
};
export const verbOf = (s: Strings, type: string) => s[VERBS[type] ?? 'verb_received'];

/** "{x}" placeholders filled in. */
export function fill(text: string, values: Record<string, string | number>): string {
	return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** A duration in hours as "18 giờ", "45 phút", "3 ngày 4 giờ", in the words of the caller's dictionary. */
export function fmtDuration(
	hours: number,
	words: { minutes: string; hours: string; days: string }
): string {
	const h = Math.abs(hours);
	const n = (x: number) => new Intl.NumberFormat('vi-VN').format(x);
	if (h < 1) return `${n(Math.max(1, Math.round(h * 60)))} ${words.minutes}`;
	if (h < 48) return `${n(Math.floor(h))} ${words.hours}`;
	const days = Math.floor(h / 24);
	const rest = Math.floor(h - days * 24);
	return rest > 0
		? `${n(days)} ${words.days} ${n(rest)} ${words.hours}`
		: `${n(days)} ${words.days}`;
}

/** A form action's URL that keeps the page's language (`?/name`, and `&lang=en`), so the action answers in it. */
export const actionUrl = (name: string, lang: Lang) =>
	`?/${name}${lang === 'en' ? '&lang=en' : ''}`;
