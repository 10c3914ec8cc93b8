/**
 * Where online dossiers were rated — a signal for online dossiers filed by the
 * counter's own officers on the citizen's behalf ("vừa đá bóng vừa thổi còi",
 * docs/domain.md#online-ratings). A citizen who really filed online rates online (or by QR code,
 * anywhere); a rating given at the counter's kiosk or on a paper form means
 * the citizen stood at the counter, so the "online" filing was most likely
 * made for them by an officer. Pure: the counts come from the dossiers.
 *
 * For one unit (or a subtree) and period, over the dossiers received online in
 * the period (the same set as summary.received.online), by where their latest
 * rating was given.
 */
export type OnlineRatings = {
	online: number;
	ratedOnline: number;
	/** at the counter: kiosk or paper form */
	ratedAtCounter: number;
	ratedQr: number;
	unrated: number;
};

/** Below this many rated online dossiers a share says nothing. */
export const MIN_RATED = 5;
/** At least this share of the rated online dossiers rated at the counter marks the unit. */
export const COUNTER_SHARE_ALERT = 0.25;

export function ratedOf(r: OnlineRatings): number {
	return r.ratedOnline + r.ratedAtCounter + r.ratedQr;
}

/** Share of the rated online dossiers that were rated at the counter; null when none was rated. */
export function counterShare(r: OnlineRatings): number | null {
	const rated = ratedOf(r);
	return rated > 0 ? r.ratedAtCounter / rated : null;
}

/**
 * The signal: enough rated online dossiers (MIN_RATED) and at least
 * COUNTER_SHARE_ALERT of them rated at the counter.
 */
export function filedOnBehalfSignal(r: OnlineRatings): boolean {
	const share = counterShare(r);
	return ratedOf(r) >= MIN_RATED && share !== null && share >= COUNTER_SHARE_ALERT;
}

/** Units ordered for the supervisor: signalled first, then by counter share, then by online volume. */
export function orderForReview<T extends OnlineRatings & { code: string }>(
	rows: readonly T[]
): T[] {
	return [...rows].sort(
		(a, b) =>
			Number(filedOnBehalfSignal(b)) - Number(filedOnBehalfSignal(a)) ||
			(counterShare(b) ?? -1) - (counterShare(a) ?? -1) ||
			b.online - a.online ||
			a.code.localeCompare(b.code)
	);
}
