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

/** A lag in Vietnamese words for a table or the feed: "đúng lúc", "chậm 40 phút", "chậm 2 giờ", "chậm 3 ngày". */
export function lagWords(seconds: number): string {
	if (seconds < 60) return 'kịp thời';
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `chậm ${minutes} phút`;
	const hours = Math.round(seconds / 3600);
	if (hours < 48) return `chậm ${hours} giờ`;
	return `chậm ${Math.round(seconds / 86400)} ngày`;
}

/** An event's lag above this is "late" on the live feed (one hour). */
export const LATE_ARRIVAL_SECONDS = 3600;
