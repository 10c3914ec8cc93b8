/**
 * Migration 0007 brings stored data to the grains and the new counters: its
 * data statements, run on projections stripped back to what the old code
 * stored (contributions without the new counters, day rollups only), give
 * exactly the contributions and the rollups the new write path makes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { COUNTERS } from '../../src/lib/domain/figures/counter-names.ts';
import { jsonRows } from '../../src/lib/server/db/json-rows.ts';
import { BACKENDS, createTestApp, importCsv, key, postBatch, type TestDb } from './harness.ts';
import { randomStream } from './random-stream.ts';
import { TREE_CSV } from './units.fixture.ts';

const FIRST_NEW = COUNTERS.indexOf('open_in');
const FIRST_SCOREBOARD = COUNTERS.indexOf('timely_multi');
const statementsOf = (file: string) =>
	readFileSync(new URL(`../../drizzle/${file}`, import.meta.url), 'utf8')
		.split('--> statement-breakpoint')
		.map((s) => s.trim())
		.filter(Boolean);
const migration = statementsOf('0007_grains_open_counters.sql');
const dataStatements = migration.slice(
	migration.findIndex((s) => s.includes('belongs to the unit of its first event'))
);
// The data statements (after their ALTER TABLEs / CREATE INDEXes) of the migrations that added counters since:
// 0010 the scoreboard's, 0013 the overdue attribution's. Each runs on what the one before it left.
const dataOf = (file: string) =>
	statementsOf(file).filter((s) => !s.startsWith('ALTER TABLE') && !s.startsWith('CREATE INDEX'));
// 0018 the late list's.
const lateStatements = dataOf('0018_late_list_counters.sql');
const attributionStatements = [...dataOf('0013_overdue_attribution.sql'), ...lateStatements];
const scoreboardStatements = [...dataOf('0010_scoreboard_counters.sql'), ...attributionStatements];
const FIRST_ATTRIBUTION = COUNTERS.indexOf('overdue_sync');
const FIRST_LATE = COUNTERS.indexOf('overdue_no_apology');

describe.each(BACKENDS)('migration 0007 on %s', (backend) => {
	let t: TestDb;
	const state = async () => ({
		rollups: await jsonRows<unknown>(
			t.app.database,
			sql`select to_jsonb(r) as j from rollups r order by unit, grain, day`
		),
		contribs: (
			await jsonRows<{ code: string; unit: string; c: Record<string, number[]> }>(
				t.app.database,
				sql`select jsonb_build_object('code', code, 'unit', unit, 'c', contrib) as j from dossiers order by code`
			)
		).map((d) => ({
			...d,
			c: Object.fromEntries(
				Object.entries(d.c)
					.map(([k, v]) => [k, [...v].sort((a, b) => a - b)])
					.sort()
			)
		}))
	});

	/** Back to what the code before counter FIRST stored: no such counters in the contributions, their columns 0. */
	const stripFrom = async (first: number) => {
		await t.app.database.rows(sql`update dossiers d set contrib = coalesce((
			select jsonb_object_agg(k, v) from (
				select c.key as k, jsonb_agg(i.value::int) as v from jsonb_each(d.contrib) c, jsonb_array_elements_text(c.value) i
				where i.value::int < ${first} group by c.key) x), '{}'::jsonb)`);
		await t.app.database.rows(
			sql.raw(
				`update rollups set ${COUNTERS.slice(first)
					.map((c) => `${c} = 0`)
					.join(', ')}`
			)
		);
	};
	/** Strips the counters from FIRST on, runs the statements, and finds what ingest had stored. */
	const restores = async (first: number, statements: string[]) => {
		const expected = await state();
		await stripFrom(first);
		expect((await state()).rollups).not.toEqual(expected.rollups);
		for (const statement of statements) await t.app.database.rows(sql.raw(statement));
		const after = await state();
		expect(after.contribs).toEqual(expected.contribs);
		expect(after.rollups).toEqual(expected.rollups);
	};

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		const token = await key(t.app, 'ingest', '46');
		const events = randomStream(5, 300);
		for (let i = 0; i < events.length; i += 500)
			expect((await postBatch(t.app, token, events.slice(i, i + 500))).status).toBe(200);
		// One dossier synchronised late (receipt known before its appointment, resolution after it though in time) and
		// one returned in time but resolved late: the attribution counters' cases.
		const now = Date.now();
		const iso = (ms: number) => new Date(ms).toISOString();
		const received = (dossier: string, at: number, due: number) => ({
			id: `${dossier}-r`,
			type: 'dossier.received',
			at: iso(at),
			unit: '46001',
			dossier,
			procedure: 'P',
			field: 'F',
			channel: 'direct',
			dueAt: iso(due)
		});
		expect(
			(await postBatch(t.app, token, [received('MIG-LS', now - 60_000, now + 1200)])).status
		).toBe(200);
		await new Promise((r) => setTimeout(r, 1500));
		const day = 86400_000;
		expect(
			(
				await postBatch(t.app, token, [
					{
						id: 'MIG-LS-s',
						type: 'dossier.resolved',
						at: iso(now - 30_000),
						unit: '46001',
						dossier: 'MIG-LS'
					},
					received('MIG-PH', now - 10 * day, now - 8 * day),
					{
						id: 'MIG-PH-t',
						type: 'dossier.returned',
						at: iso(now - 9 * day),
						unit: '46001',
						dossier: 'MIG-PH'
					},
					{
						id: 'MIG-PH-s',
						type: 'dossier.resolved',
						at: iso(now - 7 * day),
						unit: '46001',
						dossier: 'MIG-PH'
					}
				])
			).status
		).toBe(200);
	});
	afterAll(() => t.drop());

	it('rebuilds the new counters and the grains from what the old code stored', async () => {
		expect(dataStatements.length).toBeGreaterThanOrEqual(4);
		const expected = await state();
		// Back to the old shape: no new counters in the contributions, day rows only, new columns zero.
		await stripFrom(FIRST_NEW);
		await t.app.database.rows(sql`delete from rollups where grain <> 'd'`);
		expect((await state()).rollups).not.toEqual(expected.rollups);
		// As the migrator runs them: 0007, then 0010, 0013, 0018.
		for (const statement of [...dataStatements, ...scoreboardStatements])
			await t.app.database.rows(sql.raw(statement));
		const after = await state();
		expect(after.contribs).toEqual(expected.contribs);
		expect(after.rollups).toEqual(expected.rollups);
	});

	it('0013 adds the attribution counters of the dossiers resolved late for synchronisation, or synchronised late', async () => {
		const [n] = await jsonRows<number>(
			t.app.database,
			sql`select to_jsonb(count(*)) as j from dossiers where status = 'resolved' and flags @> '["late_sync"]'::jsonb`
		);
		expect(Number(n)).toBeGreaterThan(0);
		await restores(FIRST_ATTRIBUTION, attributionStatements);
	});

	it('0018 adds the late list counters of the dossiers resolved late without apology or with many supplement requests', async () => {
		for (const where of [
			sql`outcome = 'overdue' and flags @> '["no_apology"]'::jsonb`,
			sql`outcome = 'overdue' and supplements > 1`
		]) {
			const [n] = await jsonRows<number>(
				t.app.database,
				sql`select to_jsonb(count(*)) as j from dossiers where received and ${where}`
			);
			expect(Number(n)).toBeGreaterThan(0);
		}
		await restores(FIRST_LATE, lateStatements);
	});

	it('0010 adds the scoreboard counters of the dossiers with more than one supplement request to what 0009 stored', async () => {
		const [many] = await jsonRows<number>(
			t.app.database,
			sql`select to_jsonb(count(*)) as j from dossiers where supplements > 1 and received`
		);
		expect(Number(many)).toBeGreaterThan(0);
		await restores(FIRST_SCOREBOARD, scoreboardStatements);
	});
});
