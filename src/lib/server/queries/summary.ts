/** GET /api/v1/summary (CONTRACT §4): rollups for the period, the dossier projection for the two instants. */
import { buildSummary, type Summary } from '../../domain/figures/summary.ts';
import { periodOf } from '../../domain/figures/period.ts';
import type { Database } from '../db/index.ts';
import { openAt, periodCounters } from './counters.ts';

export async function summary(database: Database, unit: string, from: string, to: string, now = new Date()): Promise<Summary> {
	const p = periodOf(from, to, now);
	const [counters, carried, pending] = await Promise.all([
		periodCounters(database, unit, from, to),
		openAt(database, unit, p.start),
		openAt(database, unit, p.end)
	]);
	return buildSummary({ unit, from, to }, counters, carried.total, pending);
}
