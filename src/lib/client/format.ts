/** vi-VN formats: 1.234,5 · 97,8% · dd/MM/yyyy · HH:mm (Asia/Ho_Chi_Minh). */
const TZ = 'Asia/Ho_Chi_Minh';
const int = new Intl.NumberFormat('vi-VN');
const pct = new Intl.NumberFormat('vi-VN', {
	style: 'percent',
	minimumFractionDigits: 1,
	maximumFractionDigits: 1
});
const date = new Intl.DateTimeFormat('vi-VN', {
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	timeZone: TZ
});
const time = new Intl.DateTimeFormat('vi-VN', {
	hour: '2-digit',
	minute: '2-digit',
	hour12: false,
	timeZone: TZ
});
const timeSec = new Intl.DateTimeFormat('vi-VN', {
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hour12: false,
	timeZone: TZ
});

export const fmtInt = (n: number) => int.format(n);
export const fmtPct = (x: number | null) => (x === null || Number.isNaN(x) ? '—' : pct.format(x));
export const fmtDate = (d: Date | string) => date.format(typeof d === 'string' ? new Date(d) : d);
export const fmtTime = (d: Date | string) => time.format(typeof d === 'string' ? new Date(d) : d);
export const fmtTimeSec = (d: Date | string) =>
	timeSec.format(typeof d === 'string' ? new Date(d) : d);
/** dd/MM/yyyy HH:mm */
export const fmtDateTime = (d: Date | string) => `${fmtDate(d)} ${fmtTime(d)}`;
/** A feed entry's time: HH:mm when it is today (Asia/Ho_Chi_Minh), dd/MM HH:mm when it is from an earlier day. */
export function fmtFeedTime(d: Date | string, now: Date = new Date()): string {
	const at = typeof d === 'string' ? new Date(d) : d;
	const day = date.format(at);
	return day === date.format(now) ? time.format(at) : `${day.slice(0, 5)} ${time.format(at)}`;
}
/** 'YYYY-MM-DD' → 'dd/MM/yyyy' without time-zone arithmetic. */
export const fmtDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** A signed difference in percentage points, e.g. "▲ 1,2 đ.p." */
export function fmtDeltaPoints(
	now: number | null,
	before: number | null
): { text: string; sign: -1 | 0 | 1 } | null {
	if (now === null || before === null) return null;
	const d = (now - before) * 100;
	const sign = Math.abs(d) < 0.05 ? 0 : d > 0 ? 1 : -1;
	const n = new Intl.NumberFormat('vi-VN', {
		maximumFractionDigits: 1,
		minimumFractionDigits: 1
	}).format(Math.abs(d));
	return { text: `${sign > 0 ? '▲' : sign < 0 ? '▼' : '■'} ${n} đ.p.`, sign };
}

const pts = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** Scoreboard points: "17,2" ("—" without data). */
export const fmtPoints = (x: number | null) =>
	x === null || Number.isNaN(x) ? '—' : pts.format(x);
/** A signed difference in points, e.g. "▲ 0,8". */
export function fmtDeltaScore(
	now: number | null,
	before: number | null
): { text: string; sign: -1 | 0 | 1 } | null {
	if (now === null || before === null) return null;
	const d = now - before;
	const sign = Math.abs(d) < 0.05 ? 0 : d > 0 ? 1 : -1;
	return { text: `${sign > 0 ? '▲' : sign < 0 ? '▼' : '■'} ${pts.format(Math.abs(d))}`, sign };
}

export function fmtDeltaCount(now: number, before: number): { text: string; sign: -1 | 0 | 1 } {
	const d = now - before;
	const sign = d === 0 ? 0 : d > 0 ? 1 : -1;
	return { text: `${sign > 0 ? '▲' : sign < 0 ? '▼' : '■'} ${int.format(Math.abs(d))}`, sign };
}
