/**
 * Migrations that add counter tables backfill them from the dossiers as ingest left them, and give exactly
 * the rows ingest keeps: 0016 the hour rows of the point-in-time counters (domain/figures/hours.ts), 0017
 * the report's breakdown rows and names (domain/figures/breakdown-counters.ts).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { BREAKDOWN_COUNTERS } from '../../src/lib/domain/figures/breakdown-counters.ts';
import { HOUR_COUNTERS } from '../../src/lib/domain/figures/hours.ts';
import { jsonRows } from '../../src/lib/server/db/json-rows.ts';
import { BACKENDS, createTestApp, importCsv, key, postBatch, type TestDb } from './harness.ts';
import { randomStream } from './random-stream.ts';
import { TREE_CSV } from './units.fixture.ts';

const statements = (file: string) =>
	readFileSync(new URL(`../../drizzle/${file}`, import.meta.url), 'utf8')
		.split('--> statement-breakpoint')
		.map((s) => s.trim())
		.filter(Boolean);

/** Each backfilled table: its counters (rows of zeros, which a dossier that moved leaves behind, are not compared) and order. */
type Table = { name: string; counters: readonly string[]; order: string };
const MIGRATIONS: { file: string; creates: number; tables: Table[] }[] = [
	{
		file: '0016_hour_rollups.sql',
		creates: 1,
		tables: [{ name: 'hour_rollups', counters: HOUR_COUNTERS, order: 'unit, hour' }]
	},
	{
		file: '0017_breakdown_rollups.sql',
		creates: 2,
		tables: [
			{
				name: 'breakdown_rollups',
				counters: BREAKDOWN_COUNTERS,
				order: 'unit, grain, day, field, procedure'
			},
			{ name: 'breakdown_names', counters: [], order: 'kind, code' }
		]
	}
];

describe.each(BACKENDS)('counter backfills on %s', (backend) => {
	let t: TestDb;
	const rows = (table: Table) =>
		jsonRows<unknown>(
			t.app.database,
			sql.raw(`select to_jsonb(h) as j from ${table.name} h
				${table.counters.length ? `where ${table.counters.map((c) => `${c} <> 0`).join(' or ')}` : ''}
				order by ${table.order}`)
		);
	const count = async (table: string, where = 'true') => {
		const [n] = await jsonRows<{ n: number }>(
			t.app.database,
			sql.raw(`select jsonb_build_object('n', count(*)) as j from ${table} where ${where}`)
		);
		return Number(n.n);
	};

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		const token = await key(t.app, 'ingest', '46');
		const events = randomStream(7, 300);
		for (let i = 0; i < events.length; i += 500)
			expect((await postBatch(t.app, token, events.slice(i, i + 500))).status).toBe(200);
	});
	afterAll(() => t.drop());

	it.each(MIGRATIONS)(
		'$file backfills exactly the rows ingest keeps',
		async ({ file, creates, tables }) => {
			const all = statements(file);
			const created = all.slice(0, creates);
			const backfills = all.slice(creates);
			for (const c of created) expect(c).toMatch(/^CREATE TABLE "/);
			expect(backfills.length).toBe(tables.length);
			for (const table of tables) {
				const kept = await rows(table);
				// Many units and buckets, and every counter used, or the comparison would say little.
				expect(kept.length, table.name).toBeGreaterThan(table.counters.length ? 300 : 5);
				for (const c of table.counters)
					expect(await count(table.name, `${c} <> 0`), `${table.name}.${c}`).toBeGreaterThan(0);
				await t.app.database.rows(sql.raw(`delete from ${table.name}`));
				await t.app.database.rows(sql.raw(backfills[tables.indexOf(table)]));
				expect(await rows(table), table.name).toEqual(kept);
			}
		}
	);
});
