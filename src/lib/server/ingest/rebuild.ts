/**
 * `cli rebuild`: recompute every projection (dossiers, feedback, rollups) from
 * the stored events, in one transaction under the ingest lock. The figures
 * must come out unchanged — rebuild uses the very same fold and contributions.
 */
import { sql } from 'drizzle-orm';
import type { RatingLevel } from '../../domain/events/schema.ts';
import type { Database, Db } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { rebuildActivity } from './activity.ts';
import { lockedTransaction } from './lock.ts';
import { project } from './project.ts';

const CHUNK = 2000;

async function distinctCodes(
	database: Database,
	tx: Db,
	column: 'dossier' | 'feedback'
): Promise<string[]> {
	const col = sql.raw(column);
	const rows = await jsonRows<{ c: string }>(
		database,
		sql`select jsonb_build_object('c', ${col}) as j from (select distinct ${col} from events where ${col} is not null) d order by 1`,
		tx
	);
	return rows.map((r) => r.c);
}

export type Progress = (done: number, total: number) => void;

export async function rebuild(
	database: Database,
	onProgress?: Progress
): Promise<{ dossiers: number; events: number }> {
	return lockedTransaction(database, (tx) => rebuildIn(database, tx, onProgress));
}

/** The rebuild inside a transaction that already holds the ingest lock. */
export async function rebuildIn(
	database: Database,
	tx: Db,
	onProgress?: Progress
): Promise<{ dossiers: number; events: number }> {
	{
		await database.rows(
			sql`truncate dossiers, feedbacks, rollups, hour_rollups, breakdown_rollups, breakdown_names`,
			tx
		);
		const dossierCodes = await distinctCodes(database, tx, 'dossier');
		const feedbackCodes = await distinctCodes(database, tx, 'feedback');
		const total = dossierCodes.length + feedbackCodes.length;
		for (let i = 0; i < dossierCodes.length; i += CHUNK) {
			await project(database, tx, {
				dossiers: dossierCodes.slice(i, i + CHUNK),
				feedbacks: [],
				loneRatings: [],
				hasOld: false
			});
			onProgress?.(Math.min(i + CHUNK, dossierCodes.length), total);
		}
		for (let i = 0; i < feedbackCodes.length; i += CHUNK) {
			await project(database, tx, {
				dossiers: [],
				feedbacks: feedbackCodes.slice(i, i + CHUNK),
				loneRatings: [],
				hasOld: false
			});
			onProgress?.(dossierCodes.length + Math.min(i + CHUNK, feedbackCodes.length), total);
		}
		const lone = await jsonRows<{ unit: string; at: string; level: RatingLevel }>(
			database,
			sql`select jsonb_build_object('unit', unit, 'at', at, 'level', payload->>'level') as j
				from events where type = 'dossier.rated' and dossier is null`,
			tx
		);
		for (let i = 0; i < lone.length; i += CHUNK) {
			const loneRatings = lone
				.slice(i, i + CHUNK)
				.map((r) => ({ unit: r.unit, at: new Date(r.at), level: r.level }));
			await project(database, tx, { dossiers: [], feedbacks: [], loneRatings, hasOld: false });
		}
		await rebuildActivity(database, tx);
		const [count] = await jsonRows<{ n: number }>(
			database,
			sql`select jsonb_build_object('n', count(*)) as j from events`,
			tx
		);
		return { dossiers: dossierCodes.length, events: Number(count.n) };
	}
}
