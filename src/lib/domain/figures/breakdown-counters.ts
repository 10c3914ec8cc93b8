/**
 * The counters of the report's breakdowns by field (lĩnh vực) and by procedure
 * (thủ tục), kept by (ancestor, field, procedure, grain, day) so that a year's
 * breakdown of a province is a few hundred counter rows, not a scan of its
 * dossiers.
 *
 * A dossier adds to them exactly what it adds to the day rollups (counters.ts
 * `dossierContribution`), restricted to the counters a breakdown row shows —
 * received by channel, resolved by outcome, withdrawn, and the four
 * point-in-time counters of open-counts.ts — keyed by its field and procedure
 * codes ('' when it has none). So the same identities hold per key:
 * carried over = open at the end of the day before the period, pending =
 * open at its end, each a prefix sum (grains.ts); and the rows of all keys add
 * up to the unit's summary.
 *
 * As for the hour rows (hours.ts), a dossier adds to the rows of every
 * ancestor of its unit but not to those of the unit itself, the sparsest
 * level (nearly a row per dossier and day): a unit's own dossiers are read
 * from its own index range. The field breakdown is the procedure rows summed
 * by field — one key (field, procedure) serves both.
 */
import type { Counter } from './counter-names.ts';

/** The counters kept by key (columns of `breakdown_rollups`). */
export const BREAKDOWN_COUNTERS = [
	'received',
	'direct',
	'online',
	'postal',
	'online_full',
	'early',
	'on_time',
	'overdue',
	'withdrawn',
	'open_in',
	'open_out',
	'due_in',
	'due_out'
] as const satisfies readonly Counter[];

export type BreakdownCounter = (typeof BREAKDOWN_COUNTERS)[number];

const SEP = '\u0001';

/** The key a dossier's breakdown contribution is accumulated under: its unit, field and procedure. */
export function breakdownKey(unit: string, field: string | null, procedure: string | null): string {
	return `${unit}${SEP}${field ?? ''}${SEP}${procedure ?? ''}`;
}

export function parseBreakdownKey(key: string): { unit: string; field: string; procedure: string } {
	const [unit, field, procedure] = key.split(SEP);
	return { unit, field, procedure };
}
