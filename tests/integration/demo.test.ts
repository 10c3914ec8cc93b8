/**
 * The demo province (src/lib/server/demo): startDemo on an empty database
 * creates ~100 units with map polygons, marks the data as demo, prints the
 * wall-display link, loads a (small) history through ingest and starts the
 * live feed; a second start resumes without re-importing; a database with real
 * units, or DEMO=0, is never touched.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/lib/server/app.ts';
import { jsonRows } from '../../src/lib/server/db/json-rows.ts';
import { getMeta } from '../../src/lib/server/queries/meta.ts';
import { summary } from '../../src/lib/server/queries/summary.ts';
import {
	createCalendar,
	addDays,
	localDay,
	localDayStart
} from '../../src/lib/domain/calendar/index.ts';
import { startDemo, type DemoHandle, type DemoMeta } from '../../src/lib/server/demo/index.ts';
import { BACKENDS, createTestApp, importCsv, request, type TestDb } from './harness.ts';
import { TREE_CSV } from './units.fixture.ts';

const calendar = createCalendar();

/** A clock that runs from 10:00 of the latest working day before today (office hours while the test runs). */
function officeClock(app: App): void {
	let day = addDays(localDay(new Date()), -1);
	while (!calendar.isWorkingDay(day)) day = addDays(day, -1);
	const anchor = localDayStart(day).getTime() + 10 * 3_600_000;
	const t0 = Date.now();
	app.now = () => new Date(anchor + (Date.now() - t0));
}

async function count(
	app: App,
	table: 'units' | 'events' | 'api_keys' | 'app_meta',
	where = sql``
): Promise<number> {
	const rows = await jsonRows<number>(
		app.database,
		sql`select to_jsonb(count(*)) as j from ${sql.raw(table)} ${where}`
	);
	return Number(rows[0]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ENV = ['DEMO', 'DEMO_DOSSIERS', 'DEMO_RATE', 'DEMO_SEED', 'DEMO_DISTRICTS'] as const;

describe.each(BACKENDS)('demo province on %s', (backend) => {
	const saved: Record<string, string | undefined> = {};
	const handles: DemoHandle[] = [];
	let dbs: TestDb[] = [];
	beforeEach(() => {
		for (const k of ENV) saved[k] = process.env[k];
		process.env.DEMO_DOSSIERS = '3000';
		process.env.DEMO_RATE = '200';
		delete process.env.DEMO;
		delete process.env.DEMO_SEED;
		delete process.env.DEMO_DISTRICTS;
	});
	afterEach(async () => {
		for (const h of handles.splice(0)) {
			h.stop();
			await h.ready;
		}
		for (const k of ENV)
			if (saved[k] === undefined) delete process.env[k];
			else process.env[k] = saved[k];
		for (const t of dbs) await t.drop();
		dbs = [];
	});
	const fresh = async () => {
		const t = await createTestApp(backend);
		dbs.push(t);
		return t.app;
	};

	it('loads the province, its history and a live feed on an empty database, then resumes', async () => {
		const app = await fresh();
		officeClock(app);
		const lines: string[] = [];
		const handle = await startDemo(app, { log: (l) => lines.push(l) });
		expect(handle).not.toBeNull();
		handles.push(handle!);

		// Units exist as soon as startDemo returns; the history comes in the background.
		expect(await count(app, 'units')).toBe(101);
		expect(await count(app, 'units', sql`where geometry is not null`)).toBe(101);
		const top = await jsonRows<{ code: string; name: string }>(
			app.database,
			sql`select jsonb_build_object('code', code, 'name', name) as j from units where parent_code is null`
		);
		expect(top).toEqual([{ code: '99', name: 'Tỉnh Minh Sơn (dữ liệu mẫu)' }]);
		const meta = await getMeta<DemoMeta>(app.database, 'demo');
		expect(meta).toMatchObject({ province: '99', generatedAt: expect.any(String) });
		const link = lines.find((l) => l.startsWith('Màn hình trưng bày:'));
		expect(link).toMatch(/^Màn hình trưng bày: \/display\/99\?key=mcl_\S+$/);
		const displayKey = link!.split('key=')[1];

		await handle!.ready;
		expect(lines.some((l) => /^dữ liệu mẫu: 100% \(/.test(l))).toBe(true);
		expect((await getMeta<DemoMeta>(app.database, 'demo'))!.historyLoaded).toBe(true);

		const to = localDay(app.now());
		const from = addDays(to, -365);
		const s = await summary(app.database, '99', from, to, app.now());
		expect(s.received.new).toBeGreaterThan(2500);
		expect(s.received.new).toBeLessThan(3500);
		expect(s.resolved.total).toBeGreaterThan(0);
		expect(s.received.online).toBeGreaterThan(0);
		expect(s.received.direct).toBeGreaterThan(0);
		expect(s.resolved.early).toBeGreaterThan(0);
		expect(s.resolved.overdue + s.pending.overdue).toBeGreaterThan(0);
		expect(s.ratings.total).toBeGreaterThan(0);
		expect(s.rates.onTime).toBeGreaterThan(0.9);

		// The display key reads the province (and so does the API).
		const r = await request(app, 'GET', `/api/v1/summary?unit=99&from=${from}&to=${to}`, {
			token: displayKey
		});
		expect(r.status).toBe(200);
		expect(r.json.received.new).toBeGreaterThanOrEqual(s.received.new);

		// No dossier is received on a weekend, a holiday or during Tết.
		const days = await jsonRows<string>(
			app.database,
			sql`select distinct to_jsonb(to_char(at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')) as j from events where type = 'dossier.received' and source = 'demo' and event_id not like '%-9_____:r'`
		);
		expect(days.length).toBeGreaterThan(150);
		expect(days.filter((d) => !calendar.isWorkingDay(d))).toEqual([]);

		// The live feed: a high DEMO_RATE in office hours sends events within about a second.
		const before = await count(app, 'events');
		await sleep(1200);
		const sim = handle!.simulator();
		expect(sim).not.toBeNull();
		expect(sim!.sent).toBeGreaterThan(20);
		const live = await jsonRows<{ type: string; n: number }>(
			app.database,
			sql`select jsonb_build_object('type', type, 'n', count(*)) as j from events where seq > (select max(seq) - ${sim!.sent} from events) group by type`
		);
		const types = new Set(live.map((x) => x.type));
		expect(types.has('dossier.received')).toBe(true);
		expect(types.has('dossier.resolved')).toBe(true);
		handle!.stop();
		await sleep(600);
		const stopped = await count(app, 'events');
		expect(stopped).toBeGreaterThan(before);
		await sleep(700);
		expect(await count(app, 'events')).toBe(stopped);

		// A second start on the same database resumes: no new units, keys or history; the live feed starts again.
		const keys = await count(app, 'api_keys');
		const again: string[] = [];
		const resumed = await startDemo(app, { log: (l) => again.push(l) });
		expect(resumed).not.toBeNull();
		handles.push(resumed!);
		await resumed!.ready;
		expect(await count(app, 'units')).toBe(101);
		expect(await count(app, 'api_keys')).toBe(keys);
		expect(again.some((l) => l.startsWith('Màn hình trưng bày'))).toBe(false);
		expect(again.some((l) => l.includes('%'))).toBe(false);
		await sleep(800);
		expect(resumed!.simulator()!.sent).toBeGreaterThan(0);
	});

	it('never touches a database with real units', async () => {
		const app = await fresh();
		await importCsv(app, TREE_CSV);
		const units = await count(app, 'units');
		expect(await startDemo(app, { log: () => {} })).toBeNull();
		expect(await count(app, 'units')).toBe(units);
		expect(await count(app, 'events')).toBe(0);
		expect(await count(app, 'api_keys')).toBe(0);
		expect(await getMeta(app.database, 'demo')).toBeNull();
	});

	it('DEMO=0 loads nothing', async () => {
		process.env.DEMO = '0';
		const app = await fresh();
		expect(await startDemo(app, { log: () => {} })).toBeNull();
		expect(await count(app, 'units')).toBe(0);
		expect(await count(app, 'app_meta')).toBe(0);
	});

	it('builds the three-level shape (province → districts → communes) on request', async () => {
		const app = await fresh();
		officeClock(app);
		process.env.DEMO_DISTRICTS = '6';
		process.env.DEMO_DOSSIERS = '600';
		const handle = await startDemo(app, { log: () => {} });
		handles.push(handle!);
		await handle!.ready;
		handle!.stop();
		const districts = await jsonRows<{ code: string; type: string; children: number }>(
			app.database,
			sql`select jsonb_build_object('code', u.code, 'type', u.type, 'children', (select count(*) from units c where c.parent_code = u.code)) as j
				from units u where u.parent_code = '99' order by u.code`
		);
		expect(districts.map((d) => d.code)).toEqual(['991', '992', '993', '994', '995', '996']);
		expect(districts[0].type).toBe('provincial_city');
		expect(districts.reduce((n, d) => n + d.children, 0)).toBe(100);
		const to = localDay(app.now());
		const s = await summary(app.database, '992', addDays(to, -365), to, app.now());
		expect(s.received.new).toBeGreaterThan(0);
	});
});
