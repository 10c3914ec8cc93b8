/**
 * Migration 0016 adds the hour rows of the point-in-time counters (domain/figures/hours.ts): its backfill,
 * run on the dossiers as ingest left them, gives exactly the hour rows ingest keeps.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { HOUR_COUNTERS } from '../../src/lib/domain/figures/hours.ts';
import { jsonRows } from '../../src/lib/server/db/json-rows.ts';
import { BACKENDS, createTestApp, importCsv, key, postBatch, type TestDb } from './harness.ts';
import { randomStream } from './random-stream.ts';
import { TREE_CSV } from './units.fixture.ts';

const [create, backfill, ...rest] = readFileSync(
	new URL('../../drizzle/0016_hour_rollups.sql', import.meta.url),
	'utf8'
)
	.split('--> statement-breakpoint')
	.map((s) => s.trim())
	.filter(Boolean);

describe.each(BACKENDS)('migration 0016 on %s', (backend) => {
	let t: TestDb;
	/** The hour rows with any non-zero counter (a dossier moved to another hour leaves a row of zeros behind). */
	const rows = () =>
		jsonRows<unknown>(
			t.app.database,
			sql.raw(`select to_jsonb(h) as j from hour_rollups h
				where ${HOUR_COUNTERS.map((c) => `${c} <> 0`).join(' or ')} order by unit, hour`)
		);

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		const token = await key(t.app, 'ingest', '46');
		const events = randomStream(7, 300);
		for (let i = 0; i < events.length; i += 500)
			expect((await postBatch(t.app, token, events.slice(i, i + 500))).status).toBe(200);
	});
	afterAll(() => t.drop());

	it('backfills from the dossiers exactly the hour rows ingest keeps', async () => {
		expect(create).toMatch(/^CREATE TABLE "hour_rollups"/);
		expect(rest).toEqual([]);
		const kept = await rows();
		// Every counter and many units and hours, or the comparison would say little.
		expect(kept.length).toBeGreaterThan(300);
		for (const c of HOUR_COUNTERS) {
			const [n] = await jsonRows<{ n: number }>(
				t.app.database,
				sql.raw(`select jsonb_build_object('n', count(*)) as j from hour_rollups where ${c} <> 0`)
			);
			expect(Number(n.n), c).toBeGreaterThan(0);
		}
		await t.app.database.rows(sql`delete from hour_rollups`);
		await t.app.database.rows(sql.raw(backfill));
		expect(await rows()).toEqual(kept);
	});
});
