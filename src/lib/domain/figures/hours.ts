/**
 * The overdue counters of open-counts.ts at the grain of the hour, so that
 * "now" inside today reads the appointments of the rest of the current hour
 * only, not of the rest of the day.
 *
 * Each received dossier adds its due_in and due_out (and the m… copies when
 * it has more than one supplement request) to the row of the hour (UTC hour
 * start; Vietnam's local hours are whole hours from UTC, so every local
 * midnight is one) holding each instant, as it adds them to its day rows —
 * for every ancestor of its unit, but not for the unit itself. For any hour
 * boundary B and the midnight E of the same day (B ≤ E), and the dossiers of
 * a unit's subtree other than its own,
 *
 *   openOverdue(B) = openOverdue(E) − Σ_{hours h in [B, E)} (due_in − due_out)_h
 *
 * — the day identity of open-counts.ts with the hours after B taken back
 * off. With B the first hour boundary at or after t, the dossiers that can be
 * overdue at t and not at B, or the other way round, are those with an instant
 * in [t, B): `laterToday(s, t, B)`. A unit's own dossiers are read for the
 * whole rest of the day, `laterToday(s, t, E)`, from its own index range:
 * a commune's appointments of one day are a handful, and leaving the units
 * themselves out — the sparsest level, nearly a row per dossier — is what
 * makes the hour rows cheap to keep. (The open count needs no hours: what
 * changes it between t and E is a receipt or a finish after t, and at the
 * real "now" there is none yet.)
 *
 * Only the due counters: a dossier finished before its appointment puts its
 * due_in and due_out in the same hour, which cancel, so most dossiers leave no
 * hour row once finished — unlike receipts and finishes, each at an hour of
 * its own (the open counters by the hour cost ingest ~18 %, measured).
 */
import { COUNTERS, type Counter } from './counter-names.ts';
import type { Contribution } from './counters.ts';

/** The counters kept by the hour (columns of `hour_rollups`). */
export const HOUR_COUNTERS = [
	'due_in',
	'due_out',
	'mdue_in',
	'mdue_out'
] as const satisfies readonly Counter[];

export type HourCounter = (typeof HOUR_COUNTERS)[number];

const HOUR_MS = 3_600_000;
const HOUR_INDEXES = new Set<number>(HOUR_COUNTERS.map((c) => COUNTERS.indexOf(c)));

/** The start of the hour holding `at`, as an ISO instant (the key of its `hour_rollups` row). */
export function hourStart(at: Date): string {
	return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS).toISOString();
}

/** The first hour boundary at or after `t` (t itself when it is one). */
export function hourCeil(t: Date): Date {
	return new Date(Math.ceil(t.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * A dossier's hour rows, from its instants of the point-in-time counters as
 * (instant, counter index) pairs (counters.ts `openInstants`, from which its day
 * rows are built too, so the two can never disagree): the hour counters only.
 */
export function hourContribution(instants: readonly [Date, number][]): Contribution {
	const c: Contribution = {};
	for (const [at, index] of instants)
		if (HOUR_INDEXES.has(index)) (c[hourStart(at)] ??= []).push(index);
	return c;
}
