/**
 * How late data arrives (docs/domain.md#freshness): the lag of an event is its acceptance
 * time minus its `at` (negative counts as 0). p50/p95 are nearest-rank: the
 * ⌈p·n⌉-th smallest lag — PostgreSQL's percentile_disc computes the same.
 */

export type LagStats = { p50: number; p95: number; n: number } | null;

/** Nearest-rank percentile of sorted values (p in (0, 1]). */
export function nearestRank(sorted: readonly number[], p: number): number {
	return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export function lagStats(lagsSeconds: readonly number[]): LagStats {
	if (lagsSeconds.length === 0) return null;
	const s = lagsSeconds.map((x) => Math.max(0, x)).sort((a, b) => a - b);
	return { p50: nearestRank(s, 0.5), p95: nearestRank(s, 0.95), n: s.length };
}

/** The words a lag is told in (`late` holds `{d}`, the amount); the dictionaries give them per language. */
export type LagWords = {
	inTime: string;
	late: string;
	minutes: string;
	hours: string;
	days: string;
};
export const LAG_WORDS_VI: LagWords = {
	inTime: 'kịp thời',
	late: 'chậm {d}',
	minutes: 'phút',
	hours: 'giờ',
	days: 'ngày'
};

/** How late, without the word for late: "40 phút", "2 giờ", "3 ngày" (under a minute: "kịp thời"). */
export function lagAmount(seconds: number, w: LagWords = LAG_WORDS_VI): string {
	if (seconds < 60) return w.inTime;
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} ${w.minutes}`;
	const hours = Math.round(seconds / 3600);
	if (hours < 48) return `${hours} ${w.hours}`;
	return `${Math.round(seconds / 86400)} ${w.days}`;
}

/** A lag in words for a table or the feed: "kịp thời", "chậm 40 phút", "chậm 2 giờ", "chậm 3 ngày". */
export function lagWords(seconds: number, w: LagWords = LAG_WORDS_VI): string {
	return seconds < 60 ? w.inTime : w.late.replace('{d}', lagAmount(seconds, w));
}

/** An event's lag above this is "late" on the live feed (one hour). */
export const LATE_ARRIVAL_SECONDS = 3600;
