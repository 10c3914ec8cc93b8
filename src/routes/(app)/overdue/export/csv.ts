/** The overdue watch as CSV: UTF-8 with BOM, CRLF, one header row of Vietnamese headings. */
import { fmtDateTime } from '$lib/client/format.ts';
import { csvLine } from '$lib/domain/text/csv-cell.ts';
import type { WatchView } from '../watch.server.ts';

/** dd/MM/yyyy HH:mm, local time (the screens' own format). */
const when = (iso: string | null) => (iso ? fmtDateTime(iso) : '');

const CHANNEL: Record<string, string> = {
	direct: 'Trực tiếp',
	online: 'Trực tuyến',
	postal: 'Bưu chính'
};
const FLAG: Record<string, string> = {
	phantom_overdue: 'Quá hạn ảo',
	no_apology: 'Quá hạn không có phiếu xin lỗi',
	many_supplements: 'Yêu cầu bổ sung nhiều lần',
	late_sync: 'Kết quả đồng bộ sau hạn (giải quyết đúng hạn)'
};
const STATUS: Record<string, string> = {
	pending: 'Đang giải quyết',
	resolved: 'Đã giải quyết',
	withdrawn: 'Đã rút',
	rejected: 'Từ chối'
};

export function watchCsv(view: WatchView, now: Date): string {
	const hoursHeading =
		view.state.tab === 'atRisk'
			? 'Còn lại (giờ)'
			: view.state.tab === 'anomalies'
				? 'Trễ so với hạn (giờ)'
				: 'Số giờ quá hạn';
	const header = [
		'STT',
		'Mã hồ sơ',
		'Mã đơn vị',
		'Đơn vị',
		'Mã thủ tục',
		'Thủ tục',
		'Lĩnh vực',
		'Kênh',
		'Tiếp nhận lúc',
		'Hạn trả lần đầu',
		'Hạn trả hiện tại',
		hoursHeading,
		'Phiếu xin lỗi',
		'Số lần bổ sung',
		'Trạng thái',
		'Cảnh báo'
	];
	const lines = [csvLine(header)];
	view.items.forEach((d, i) => {
		const hours =
			view.state.tab === 'atRisk'
				? Math.max(0, (Date.parse(d.firstDueAt!) - now.getTime()) / 3_600_000)
				: d.overdueHours;
		lines.push(
			csvLine([
				i + 1,
				d.dossier,
				d.unit,
				d.unitName,
				d.procedure ?? '',
				d.procedureName ?? '',
				d.fieldName ?? d.field ?? '',
				CHANNEL[d.channel ?? ''] ?? d.channel ?? '',
				when(d.receivedAt),
				when(d.firstDueAt),
				when(d.dueAt),
				hours.toFixed(1).replace('.', ','),
				d.apologies > 0 ? `Có (${d.apologies})` : 'Không',
				d.supplements,
				STATUS[d.status] ?? d.status,
				d.flags.map((f) => FLAG[f] ?? f).join('; ')
			])
		);
	});
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
