/**
 * Anomaly flags of a dossier, derived from its events only (never from "now"),
 * so that they are stable and rebuildable.
 *
 * - `phantom_overdue`: the result was handed to the citizen (dossier.returned)
 *   no later than the first appointment, but the resolution was recorded after
 *   it — or not at all. The ward and district reports' "overdue in the
 *   software, on time in reality: the officer returned the paper result but
 *   did not close it" (docs/domain.md#phantom-overdue).
 * - `no_apology`: resolved overdue without any rescheduling with an apology
 *   letter (phiếu xin lỗi và hẹn lại), which the Huế one-door decision 2651
 *   requires (docs/domain.md#apology-letters).
 * - `many_supplements`: more than one supplementation request; the national
 *   scoreboard (766/QĐ-TTg) counts such a dossier as late.
 * - `late_sync`: resolved early or on time, but the resolution reached us
 *   (its event's acceptedAt) only after the first appointment, while the
 *   receipt was known before it — so for a while the dossier was shown, and
 *   announced, as overdue although it was not: a synchronisation delay, not
 *   late work (docs/domain.md#attribution: Gia Lai, ~61 % of "overdue" from slow or wrong sync).
 *   History loaded after the fact (receipt also learned after the
 *   appointment) is not flagged: it was never shown as pending then.
 */
import type { DossierState } from './state.ts';

export const FLAGS = ['phantom_overdue', 'no_apology', 'many_supplements', 'late_sync'] as const;
export type Flag = (typeof FLAGS)[number];

export function flagsOf(s: DossierState): Flag[] {
	const flags: Flag[] = [];
	const due = s.firstDueAt?.getTime();
	const returned = s.returnedAt?.getTime();
	const resolved = s.resolvedAt?.getTime();
	if (
		due !== undefined &&
		returned !== undefined &&
		returned <= due &&
		s.status !== 'withdrawn' &&
		s.status !== 'rejected' &&
		(resolved === undefined || resolved > due)
	) {
		flags.push('phantom_overdue');
	}
	if (s.outcome === 'overdue' && s.apologyAts.length === 0) flags.push('no_apology');
	if (s.supplementAts.length > 1) flags.push('many_supplements');
	if (
		due !== undefined &&
		(s.outcome === 'early' || s.outcome === 'on_time') &&
		s.receiptKnownAt !== null &&
		s.resolutionKnownAt !== null &&
		s.receiptKnownAt.getTime() <= due &&
		s.resolutionKnownAt.getTime() > due
	) {
		flags.push('late_sync');
	}
	return flags;
}
