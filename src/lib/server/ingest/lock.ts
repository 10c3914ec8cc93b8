/**
 * Every write to the log, the projections or the feed runs in one transaction
 * holding this advisory lock: feed seqs commit in order and projections never
 * race (ingest, rebuild, units import, overdue announcements). The wait for
 * it is measured (`motcua_ingest_lock_wait_seconds`); the callback also gets
 * the transaction's time (`now()`, as ISO), when its events are accepted.
 * `pipelined`: its statements as prepared ones (db/index.ts `pipelined`), for the ingest's fixed texts.
 */
import { sql } from 'drizzle-orm';
import { pipelined, type Database, type Db } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { metrics } from '../metrics.ts';

export const INGEST_LOCK = 7_312_001;

export function lockedTransaction<T>(
	database: Database,
	fn: (tx: Db, now: string) => Promise<T>,
	opts: { pipelined?: boolean } = {}
): Promise<T> {
	return database.db.transaction(async (tx) => {
		if (opts.pipelined) pipelined(tx);
		const started = performance.now();
		const [now] = await jsonRows<string>(
			database,
			sql`select to_jsonb(now()) as j from (select pg_advisory_xact_lock(${INGEST_LOCK})) l`,
			tx
		);
		metrics.lockWaitSeconds.observe((performance.now() - started) / 1000);
		return fn(tx, now);
	});
}
