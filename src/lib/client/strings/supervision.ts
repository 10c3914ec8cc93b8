/** Strings of the scoreboard and freshness panels (unit page, wall display). */
import type { Lang } from '../i18n.ts';

const vi = {
	scoreTitle: 'Chỉ số phục vụ (ước tính theo QĐ 766)',
	scoreNote:
		'Ước tính của Một Cửa Live từ dữ liệu hồ sơ nhận được, không phải điểm chính thức trên Cổng DVCQG.',
	progress: 'Tiến độ giải quyết',
	online: 'Dịch vụ trực tuyến (tỷ lệ hồ sơ)',
	satisfaction: 'Hài lòng khi tiếp nhận',
	total: 'Tổng các nhóm có dữ liệu',
	points: 'điểm',
	noData: 'chưa có dữ liệu',
	vsPrevious: 'so với kỳ trước',
	progressRule: 'Hồ sơ bị yêu cầu bổ sung quá 1 lần tính là trễ hạn.',
	whatIf: (n: string, keep: string, drop: string) =>
		`${n} hồ sơ đến hạn trong hôm nay: giải quyết kịp thì tiến độ giữ ${keep} điểm; nếu trễ hạn cả, còn ${drop} điểm.`,
	noneDueToday: 'Không có hồ sơ nào đến hạn trong phần còn lại của hôm nay.',
	digitisationNote: (intake: string, result: string) =>
		`Số hóa (không ước tính điểm): thành phần hồ sơ ${intake}, kết quả ${result}.`,
	childrenTitle: 'Đơn vị trực thuộc theo tổng điểm',
	progressShort: 'Tiến độ',
	onlineShort: 'Trực tuyến',
	satisfactionShort: 'Hài lòng',
	totalShort: 'Tổng',
	unit: 'Đơn vị',
	lost: 'Điểm mất',
	freshTitle: 'Độ kịp thời của dữ liệu',
	freshNote: 'Im lặng: không gửi sự kiện nào trong 8 giờ làm việc gần nhất.',
	lastEvent: 'Sự kiện gần nhất',
	accepted: 'Nhận lúc',
	events24h: 'Sự kiện 24 giờ',
	lag: 'Độ trễ (trung vị · p95)',
	status: 'Trạng thái',
	silent: 'Im lặng',
	active: 'Đang gửi',
	never: 'Chưa từng gửi',
	silentBadge: (n: number) => `${n} đơn vị chưa gửi dữ liệu`,
	silentSince: (n: number, since: string) => `${n} đơn vị chưa gửi dữ liệu từ ${since}`,
	lateArrival: 'đến trễ',
	remindersTitle: 'Đôn đốc',
	reminderEffect: (n: string, r: string, m: string) =>
		`${n} hồ sơ đã được nhắc; ${r} đã giải quyết sau khi nhắc, trung vị ${m} ngày làm việc từ lúc nhắc.`
};

const en: typeof vi = {
	scoreTitle: 'Service index (estimate, Decision 766)',
	scoreNote:
		"Một Cửa Live's estimate from the dossier events it received — not the official score on the national portal.",
	progress: 'Progress',
	online: 'Online service (dossier share)',
	satisfaction: 'Satisfaction at receiving',
	total: 'Total of the groups with data',
	points: 'points',
	noData: 'no data yet',
	vsPrevious: 'vs previous period',
	progressRule: 'A dossier asked to supplement more than once counts as late.',
	whatIf: (n, keep, drop) =>
		`${n} dossiers fall due before midnight: resolved in time, progress stays at ${keep} points; all late, it drops to ${drop}.`,
	noneDueToday: 'No dossier falls due in the rest of today.',
	digitisationNote: (intake, result) =>
		`Digitisation (no points estimated): intake components ${intake}, results ${result}.`,
	childrenTitle: 'Units below by total points',
	progressShort: 'Progress',
	onlineShort: 'Online',
	satisfactionShort: 'Satisfaction',
	totalShort: 'Total',
	unit: 'Unit',
	lost: 'Points lost',
	freshTitle: 'How fresh the data is',
	freshNote: 'Silent: no event sent in the last 8 working hours.',
	lastEvent: 'Latest event',
	accepted: 'Accepted',
	events24h: 'Events, 24 h',
	lag: 'Lag (median · p95)',
	status: 'Status',
	silent: 'Silent',
	active: 'Sending',
	never: 'Never sent',
	silentBadge: (n) => `${n} units not sending`,
	silentSince: (n, since) => `${n} units have sent nothing since ${since}`,
	lateArrival: 'late',
	remindersTitle: 'Reminders',
	reminderEffect: (n, r, m) =>
		`${n} dossiers reminded about; ${r} resolved since, a median of ${m} working days after the reminder.`
};

export const SUPERVISION_STRINGS: Record<Lang, typeof vi> = { vi, en };
export type SupervisionStrings = typeof vi;
