/**
 * Scale benchmark (not a test): prints figures.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/scale.ts 10k 1m [10m]
 *   node bench/scale.ts --demo          # the embedded database with the demo province (~80 k dossiers)
 *
 * For each size N it makes a throwaway database, the province of the issue
 * (90: 10 districts × 10 communes) with N dossiers and a two-level province
 * (95: 3,321 communes) with N/10, written as NDJSON.gz and loaded through
 * `cli events import` (a child process, as an operator runs it). Then, with
 * "now" inside the data (2025-12-20 10:37), it times the figures — summary
 * of the province for the year, of a commune for a quarter, of a period
 * ending today; rankings of 10, 100 and 3,321 units — and the server time of
 * the page loads (overview, report, wall display), twice: with the
 * statistics ANALYZE left and with every statistic wiped (as on a server
 * where nothing ever analysed the tables). Last, bytes per dossier on disk
 * and the growth of each figure from the first size to the others.
 * BENCH_KEEP=1 keeps the databases (and reuses them on the next run).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createApp, type App } from '../src/lib/server/app.ts';
import { openDatabase } from '../src/lib/server/db/index.ts';
import { createKey } from '../src/lib/server/auth/keys.ts';
import { importUnits } from '../src/lib/server/units/import.ts';
import { getUnit, type UnitInfo } from '../src/lib/server/queries/units.ts';
import { summary } from '../src/lib/server/queries/summary.ts';
import { rankings } from '../src/lib/server/queries/rankings.ts';
import { dashboard } from '../src/lib/server/queries/dashboard.ts';
import { anomalyCounts } from '../src/lib/server/queries/anomalies.ts';
import { reportPage } from '../src/lib/server/queries/report-page.ts';
import { displayData } from '../src/lib/server/queries/display.ts';
import { parsePeriod } from '../src/lib/domain/report/periods.ts';
import { rangeFromQuery } from '../src/lib/domain/figures/presets.ts';
import { localDay } from '../src/lib/domain/calendar/days.ts';
import { SCALE_NOW, scaleEvents, scaleUnitsCsv } from './generate.ts';

const root = new URL('..', import.meta.url).pathname;
const adminUrl =
	process.env.BENCH_DATABASE_URL ??
	process.env.TEST_DATABASE_URL ??
	'postgres://postgres@127.0.0.1:5432/test';
const keep = process.env.BENCH_KEEP === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const SIZES: Record<string, number> = {
	'10k': 10_000,
	'100k': 100_000,
	'1m': 1_000_000,
	'10m': 10_000_000
};

function pct(xs: number[], p: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
	for (let i = 0; i < 2; i++) await fn();
	const xs: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		await fn();
		xs.push(performance.now() - t0);
	}
	return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

async function writeNdjson(
	path: string,
	events: Generator<Record<string, unknown>>
): Promise<number> {
	const gz = createGzip({ level: 1 });
	const out = createWriteStream(path);
	gz.pipe(out);
	let n = 0;
	let buf: string[] = [];
	for (const e of events) {
		buf.push(JSON.stringify(e));
		n++;
		if (buf.length === 5000) {
			if (!gz.write(buf.join('\n') + '\n')) await new Promise((r) => gz.once('drain', r));
			buf = [];
		}
	}
	gz.end(buf.length ? buf.join('\n') + '\n' : '');
	await new Promise<void>((r) => out.once('finish', () => r()));
	return n;
}

function cliImport(
	env: NodeJS.ProcessEnv,
	file: string,
	keyName: string
): { ms: number; out: string } {
	const t0 = performance.now();
	const r = spawnSync(
		process.execPath,
		[join(root, 'src/cli/main.ts'), 'events', 'import', file, '--key-name', keyName],
		{ env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
	);
	if (r.status !== 0) throw new Error(`import failed: ${r.stderr.slice(-2000)}`);
	return { ms: performance.now() - t0, out: r.stdout.trim() };
}

type Figures = Record<string, { p50: number; p95: number }>;

/** The figures and page loads of the issue, timed. */
async function measure(app: App): Promise<Figures> {
	const db = app.database;
	app.now = () => SCALE_NOW;
	const now = SCALE_NOW;
	const today = localDay(now);
	const p90 = (await getUnit(db, '90'))!;
	const p95 = (await getUnit(db, '95'))!;
	const commune = (await getUnit(db, '90101'))!;
	const year = new URLSearchParams({ p: 'year' });
	const yearChoice = parsePeriod({ p: 'year' }, today);
	if (!yearChoice.ok) throw new Error(yearChoice.error);
	const overviewLoad = async (u: UnitInfo) => {
		const { range } = rangeFromQuery(year, today);
		return Promise.all([dashboard(app, u, year), anomalyCounts(db, u.code, range.from, range.to)]);
	};
	return {
		'summary province year': await time(() => summary(db, p90, '2025-01-01', '2025-12-31', now)),
		'summary province Q3 (closed)': await time(() =>
			summary(db, p90, '2025-07-01', '2025-09-30', now)
		),
		'summary commune quarter': await time(() =>
			summary(db, commune, '2025-10-01', '2025-12-31', now)
		),
		'summary period ending today': await time(() => summary(db, p90, '2025-12-01', today, now)),
		'rankings 10 districts, year': await time(() =>
			rankings(db, p90, 'onTime', '2025-01-01', '2025-12-31')
		),
		'rankings 100 communes, year': await time(() =>
			rankings(db, p90, 'onTime', '2025-01-01', '2025-12-31', 2)
		),
		'rankings 3,321 communes, year': await time(() =>
			rankings(db, p95, 'onTime', '2025-01-01', '2025-12-31')
		),
		'rankings 3,321 communes, month': await time(() =>
			rankings(db, p95, 'online', '2025-12-01', '2025-12-31')
		),
		'page /units/90?p=year': await time(() => overviewLoad(p90)),
		'page /reports?unit=90&p=year': await time(() => reportPage(app, p90, yearChoice.value, '90')),
		'page /display/90': await time(() => displayData(app, p90))
	};
}

/** Statistics as on a server where nothing ever analysed the tables. */
async function wipeStatistics(client: postgres.Sql): Promise<void> {
	const tables = [
		'events',
		'dossiers',
		'feedbacks',
		'rollups',
		'hour_rollups',
		'units',
		'overdue_announcements'
	];
	await client.unsafe(
		`delete from pg_statistic where starelid = any(array[${tables.map((t) => `'${t}'::regclass`).join(',')}])`
	);
	await client.unsafe(`update pg_class set reltuples = -1, relpages = 0 where relname = any($1)`, [
		tables
	]);
}

function print(label: string, f: Figures) {
	console.log(`\n${label}`);
	for (const [k, v] of Object.entries(f))
		console.log(
			`  ${k.padEnd(34)} p50 ${v.p50.toFixed(1).padStart(8)} ms   p95 ${v.p95.toFixed(1).padStart(8)} ms`
		);
}

async function runSize(
	label: string,
	n: number
): Promise<{
	analysed: Figures;
	wiped: Figures;
	bytesPerDossier: number;
	importRate: number | null;
}> {
	const name = `mcl_scale_${label}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const exists =
		(await admin.unsafe(`select 1 from pg_database where datname = '${name}'`)).length > 0;
	let importRate: number | null = null;
	if (!exists || !keep) {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.unsafe(`create database ${name}`);
		const app = createApp(await openDatabase({ url: url.toString() }));
		const imp = await importUnits(app.database, 'units.csv', scaleUnitsCsv());
		if (!imp.ok) throw new Error(JSON.stringify(imp.errors.slice(0, 3)));
		await createKey(app.database, { name: 'bench90', role: 'ingest', scopeCode: '90' });
		await createKey(app.database, { name: 'bench95', role: 'ingest', scopeCode: '95' });
		await app.close();
		const dir = mkdtempSync(join(tmpdir(), 'mcl-scale-'));
		try {
			const f90 = join(dir, '90.ndjson.gz');
			const f95 = join(dir, '95.ndjson.gz');
			const e90 = await writeNdjson(f90, scaleEvents(n, { province: '90', prefix: 'S' }));
			const e95 = await writeNdjson(
				f95,
				scaleEvents(Math.max(10_000, n / 10), { province: '95', prefix: 'T', seed: 11 })
			);
			const env = { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' };
			const a = cliImport(env, f90, 'bench90');
			const b = cliImport(env, f95, 'bench95');
			importRate = (e90 + e95) / ((a.ms + b.ms) / 1000);
			console.log(
				`${label}: imported ${e90.toLocaleString('en')} + ${e95.toLocaleString('en')} events through cli events import: ${Math.round(importRate).toLocaleString('en')} events/s (${a.out}; ${b.out})`
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
	const app = createApp(await openDatabase({ url: url.toString(), migrate: false }));
	const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
	try {
		await client.unsafe('analyze');
		const analysed = await measure(app);
		await wipeStatistics(client);
		// New plans for every statement: the app's pool prepared its statements under the old statistics.
		await app.close();
		const fresh = createApp(await openDatabase({ url: url.toString(), migrate: false }));
		const wiped = await measure(fresh);
		await fresh.close();
		const [{ size }] = await client.unsafe(`select pg_database_size(current_database()) as size`);
		const [{ d }] = await client.unsafe(`select count(*)::bigint as d from dossiers`);
		const bytesPerDossier = Number(size) / Number(d);
		print(`${label} (${Number(d).toLocaleString('en')} dossiers), after ANALYZE`, analysed);
		print(`${label}, every statistic wiped`, wiped);
		console.log(
			`  ${'bytes on disk per dossier'.padEnd(34)} ${Math.round(bytesPerDossier).toLocaleString('en')}`
		);
		const check = await summary(app.database, '90', '2025-01-01', '2025-12-31', SCALE_NOW).catch(
			() => null
		);
		if (check)
			console.log(
				`  check: province 90 in 2025: received ${check.received.new}, resolved ${check.resolved.total}, pending ${check.pending.total} (overdue ${check.pending.overdue})`
			);
		return { analysed, wiped, bytesPerDossier, importRate };
	} finally {
		await client.end();
		await app.close().catch(() => {});
		if (!keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

async function runDemo(): Promise<void> {
	const { startDemo } = await import('../src/lib/server/demo/index.ts');
	const dir = mkdtempSync(join(tmpdir(), 'mcl-demo-'));
	const app = createApp(await openDatabase({ dataDir: dir }));
	try {
		const t0 = performance.now();
		process.env.DEMO_RATE = '0';
		const demo = await startDemo(app, { log: () => {} });
		await demo?.ready;
		demo?.stop();
		console.log(`demo loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		const [{ j: code }] = await app.database.rows<{ j: string }>(
			sql`select to_jsonb(code) as j from units where parent_code is null limit 1`
		);
		const unit = (await getUnit(app.database, code))!;
		const today = localDay(app.now());
		const year = new URLSearchParams({ p: 'year' });
		const { range } = rangeFromQuery(year, today);
		const choice = parsePeriod({ p: 'year' }, today);
		if (!choice.ok) throw new Error(choice.error);
		print(`embedded demo (${code})`, {
			[`page /units/${code}?p=year`]: await time(() =>
				Promise.all([
					dashboard(app, unit, year),
					anomalyCounts(app.database, unit.code, range.from, range.to)
				])
			),
			[`page /reports?unit=${code}&p=year`]: await time(() =>
				reportPage(app, unit, choice.value, code)
			),
			[`page /display/${code}`]: await time(() => displayData(app, unit)),
			'summary province year': await time(() =>
				summary(app.database, unit, range.from, range.to, app.now())
			)
		});
	} finally {
		await app.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

const args = process.argv.slice(2);
if (args.includes('--demo')) {
	await runDemo();
} else {
	const sizes = args.length > 0 ? args : ['10k', '1m'];
	const results: [string, Awaited<ReturnType<typeof runSize>>][] = [];
	for (const s of sizes) {
		if (!(s in SIZES)) throw new Error(`unknown size ${s}: use ${Object.keys(SIZES).join(', ')}`);
		results.push([s, await runSize(s, SIZES[s])]);
	}
	if (results.length > 1) {
		const [base, first] = results[0];
		for (const [label, r] of results.slice(1)) {
			console.log(`\ngrowth ${base} → ${label} (p50 ratio, after ANALYZE / statistics wiped)`);
			for (const k of Object.keys(first.analysed)) {
				console.log(
					`  ${k.padEnd(34)} ${(r.analysed[k].p50 / first.analysed[k].p50).toFixed(2)}× / ${(r.wiped[k].p50 / first.wiped[k].p50).toFixed(2)}×`
				);
			}
		}
	}
}
