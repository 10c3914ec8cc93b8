/**
 * The Vietnamese narrative paragraph of a report (pure), in the style of the
 * commune reports and supervision notices (docs/domain.md#narrative, #reference-reports): "Tổng số hồ
 * sơ tiếp nhận: 1.421 hồ sơ, trong đó trực tuyến 305 hồ sơ (chiếm 21,5%) …".
 * Numbers are formatted vi-VN (1.421; 21,5%); zeros get a sentence of their
 * own ("không có hồ sơ giải quyết quá hạn") instead of "0 hồ sơ".
 */
import type { Summary } from '../figures/summary.ts';

export type NarrativeInput = {
	/** The summary (docs/api.md#summary) for the unit's subtree and the period. */
	summary: Summary;
	/** Anomaly counts among the period's overdue dossiers (see report-late). */
	flags?: { phantomOverdue: number; noApology: number };
};

const int = new Intl.NumberFormat('vi-VN');
const pct1 = new Intl.NumberFormat('vi-VN', {
	style: 'percent',
	minimumFractionDigits: 1,
	maximumFractionDigits: 1
});

export const viInt = (n: number) => int.format(n);
/** A fraction as a vi-VN percentage with one decimal: 0.2146 → "21,5%". */
export const viPct = (x: number) => pct1.format(x);
const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const hs = (n: number) => `${viInt(n)} hồ sơ`;
const share = (part: number, whole: number) => (whole > 0 ? ` (chiếm ${viPct(part / whole)})` : '');

function receivedSentence(s: Summary): string {
	const r = s.received;
	if (r.total === 0)
		return 'Trong kỳ không tiếp nhận hồ sơ nào và không có hồ sơ kỳ trước chuyển qua.';
	const channels: string[] = [];
	if (r.online > 0) channels.push(`trực tuyến ${hs(r.online)}${share(r.online, r.new)}`);
	if (r.direct > 0) channels.push(`trực tiếp ${hs(r.direct)}`);
	if (r.postal > 0) channels.push(`qua dịch vụ bưu chính công ích ${hs(r.postal)}`);
	const split = channels.length > 0 ? `trong đó ${channels.join(', ')}` : '';
	if (r.carriedOver === 0) {
		const noOnline = r.online === 0 ? '; không có hồ sơ tiếp nhận trực tuyến' : '';
		return `Tổng số hồ sơ tiếp nhận: ${hs(r.total)}, ${split}${noOnline}; không có hồ sơ kỳ trước chuyển qua.`;
	}
	if (r.new === 0)
		return `Tổng số hồ sơ tiếp nhận: ${hs(r.total)}, đều là hồ sơ kỳ trước chuyển qua; trong kỳ không tiếp nhận hồ sơ mới.`;
	return (
		`Tổng số hồ sơ tiếp nhận: ${hs(r.total)}, gồm ${hs(r.new)} tiếp nhận mới trong kỳ và ${hs(r.carriedOver)} kỳ trước chuyển qua; ` +
		`trong số hồ sơ tiếp nhận mới, ${split.replace(/^trong đó /, '')}${r.online === 0 ? ', không có hồ sơ trực tuyến' : ''}.`
	);
}

function resolvedSentence(s: Summary): string {
	const v = s.resolved;
	if (v.total === 0) return 'Trong kỳ chưa có hồ sơ nào được giải quyết.';
	const parts: string[] = [];
	if (v.early > 0) parts.push(`trước hạn ${hs(v.early)}`);
	if (v.onTime > 0) parts.push(`đúng hạn ${hs(v.onTime)}`);
	if (v.overdue > 0) parts.push(`quá hạn ${hs(v.overdue)}`);
	const none = v.overdue === 0 ? ', không có hồ sơ giải quyết quá hạn' : '';
	return `Đã giải quyết ${hs(v.total)} (${parts.join(', ')})${none}; tỷ lệ giải quyết đúng hạn ${viPct((v.early + v.onTime) / v.total)}.`;
}

function pendingSentence(s: Summary): string {
	const p = s.pending;
	let text: string;
	if (p.total === 0) text = 'Không có hồ sơ đang giải quyết, tồn đọng';
	else if (p.overdue === 0) text = `Đang giải quyết ${hs(p.total)}, đều còn trong hạn`;
	else if (p.withinDeadline === 0) text = `Đang giải quyết ${hs(p.total)}, đều đã quá hạn`;
	else
		text = `Đang giải quyết ${hs(p.total)} (trong hạn ${hs(p.withinDeadline)}, quá hạn ${hs(p.overdue)})`;
	const others: string[] = [];
	if (s.withdrawn > 0) others.push(`số hồ sơ công dân rút: ${viInt(s.withdrawn)}`);
	if (s.rejected > 0) others.push(`số hồ sơ từ chối, trả lại: ${viInt(s.rejected)}`);
	return `${text}${others.length > 0 ? `; ${others.join('; ')}` : ''}.`;
}

function digitizedSentence(s: Summary): string | null {
	const parts: string[] = [];
	if (s.received.new > 0)
		parts.push(
			`số hóa thành phần hồ sơ ${viInt(s.digitized.intake)}/${viInt(s.received.new)} hồ sơ tiếp nhận mới (đạt ${viPct(s.digitized.intake / s.received.new)})`
		);
	if (s.resolved.total > 0)
		parts.push(
			`số hóa kết quả ${viInt(s.digitized.result)}/${viInt(s.resolved.total)} hồ sơ đã giải quyết (đạt ${viPct(s.digitized.result / s.resolved.total)})`
		);
	if (parts.length === 0) return null;
	return `${parts.join('; ').replace(/^s/, 'S')}.`;
}

function ratingSentence(s: Summary): string {
	const r = s.ratings;
	if (r.total === 0) return 'Chưa có lượt đánh giá mức độ hài lòng.';
	const parts: string[] = [];
	if (r.verySatisfied > 0)
		parts.push(`rất hài lòng ${viInt(r.verySatisfied)} lượt${share(r.verySatisfied, r.total)}`);
	if (r.satisfied > 0)
		parts.push(`hài lòng ${viInt(r.satisfied)} lượt${share(r.satisfied, r.total)}`);
	if (r.unsatisfied > 0)
		parts.push(`không hài lòng ${viInt(r.unsatisfied)} lượt${share(r.unsatisfied, r.total)}`);
	const none = r.unsatisfied === 0 ? '; không có lượt đánh giá không hài lòng' : '';
	return `Đánh giá mức độ hài lòng: ${viInt(r.total)} lượt, trong đó ${parts.join(', ')}${none}.`;
}

function feedbackSentence(s: Summary): string {
	const f = s.feedback;
	if (f.received === 0 && f.resolved === 0)
		return 'Không có phản ánh, kiến nghị của cá nhân, tổ chức.';
	if (f.received === 0)
		return `Không tiếp nhận phản ánh, kiến nghị mới; đã xử lý ${viInt(f.resolved)} phản ánh, kiến nghị.`;
	return `Tiếp nhận ${viInt(f.received)} phản ánh, kiến nghị; đã xử lý ${viInt(f.resolved)}.`;
}

function apologySentence(s: Summary, flags: NarrativeInput['flags']): string | null {
	const late = s.resolved.overdue + s.pending.overdue;
	const parts: string[] = [];
	if (s.apologies > 0)
		parts.push(`Số văn bản xin lỗi công dân đối với hồ sơ chậm, quá hạn: ${viInt(s.apologies)}`);
	else if (late > 0) parts.push('Không có văn bản xin lỗi công dân đối với hồ sơ chậm, quá hạn');
	if (flags && flags.noApology > 0)
		parts.push(`${hs(flags.noApology)} giải quyết quá hạn chưa có phiếu xin lỗi và hẹn lại`);
	if (flags && flags.phantomOverdue > 0)
		parts.push(
			`${hs(flags.phantomOverdue)} quá hạn trên phần mềm nhưng kết quả đã được trả cho công dân trước hoặc đúng hạn`
		);
	return parts.length > 0 ? `${parts.join('; ')}.` : null;
}

/** The paragraph, one sentence per block of the form, in the order the reference reports use (docs/domain.md#narrative). */
export function narrative(input: NarrativeInput): string {
	const s = input.summary;
	const sentences = [
		`Kỳ số liệu từ ngày ${dmy(s.from)} đến ngày ${dmy(s.to)}.`,
		receivedSentence(s),
		resolvedSentence(s),
		pendingSentence(s),
		digitizedSentence(s),
		ratingSentence(s),
		feedbackSentence(s),
		apologySentence(s, input.flags)
	];
	return sentences.filter((x): x is string => x !== null).join(' ');
}
