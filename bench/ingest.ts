/**
 * Ingest and query benchmark (not a test): prints figures.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test BENCH_DOSSIERS=1000000 node bench/ingest.ts
 *
 * 1. events/s through the real ingest service (validation, log, dossier
 *    projection, rollups by ancestor; one transaction per 5,000-event batch);
 * 2. a bare COPY of the same rows into an unindexed copy of the events table;
 * 3. summary and ranking latency once all dossiers are in.
 * It creates a throwaway database and drops it at the end. BENCH_PROFILE=1
 * also prints where the time of the batches went, by statement (pipelined, so the times
 * overlap); BENCH_PROFILE=serial runs each statement after the one before, each time its own.
 * BENCH_HTTP=1 posts the same bodies to POST /api/v1/events of a server in its own process
 * (bench/server-process.ts: the production handler and the live hub, with `npm start`'s V8
 * flags or BENCH_NODE_FLAGS) instead of calling the ingest service here.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createApp } from '../src/lib/server/app.ts';
import { openDatabase } from '../src/lib/server/db/index.ts';
import { ingest } from '../src/lib/server/ingest/ingest.ts';
import { importUnits } from '../src/lib/server/units/import.ts';
import { summary } from '../src/lib/server/queries/summary.ts';
import { rankings } from '../src/lib/server/queries/rankings.ts';
import { getUnit } from '../src/lib/server/queries/units.ts';
import { benchEvents, benchUnitsCsv } from './generate.ts';
import { startBenchServer } from './server-process.ts';

const adminUrl =
	process.env.BENCH_DATABASE_URL ??
	process.env.TEST_DATABASE_URL ??
	'postgres://postgres@127.0.0.1:5432/test';
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 200_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
/** Concurrent senders (one-door systems post in parallel; ingest transactions serialise on a lock, validation overlaps). */
const SENDERS = Number(process.env.BENCH_SENDERS ?? 1);
const HTTP = process.env.BENCH_HTTP === '1';

const name = `mcl_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const app = createApp(await openDatabase({ url: url.toString() }));
const profile = new Map<string, { n: number; ms: number }>();
if (process.env.BENCH_PROFILE === '1' || process.env.BENCH_PROFILE === 'serial') {
	const rows = app.database.rows.bind(app.database);
	// 'serial': each statement waits for the one before, so its time is its own (pipelined, times overlap).
	let previous: Promise<unknown> = Promise.resolve();
	const serial = process.env.BENCH_PROFILE === 'serial';
	app.database.rows = async (q, tx) => {
		if (serial) {
			const before = previous;
			let done!: () => void;
			previous = new Promise<void>((r) => (done = r));
			await before;
			const t0 = performance.now();
			try {
				return await rows(q, tx);
			} finally {
				record(q, performance.now() - t0);
				done();
			}
		}
		const t0 = performance.now();
		try {
			return await rows(q, tx);
		} finally {
			record(q, performance.now() - t0);
		}
	};
	const record = (q: Parameters<typeof rows>[0], ms: number) => {
		{
			const text = (
				app.database.db as unknown as { dialect: { sqlToQuery(q: unknown): { sql: string } } }
			).dialect
				.sqlToQuery(q)
				.sql.replace(/\s+/g, ' ')
				.trim();
			const head = text
				.replace(/^select jsonb_build_object\([^)]*?\) as j /, 'select … ')
				.slice(0, 70);
			const p = profile.get(head) ?? { n: 0, ms: 0 };
			p.n++;
			p.ms += ms;
			profile.set(head, p);
		}
	};
}

function pct(xs: number[], p: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

let server = null as ChildProcess | null;

/** BENCH_HTTP: the server in its own process, and a function posting one body to it (returns the events it took). */
async function httpSender(): Promise<(body: string) => Promise<number>> {
	const { createKey } = await import('../src/lib/server/auth/keys.ts');
	const key = (await createKey(app.database, { name: 'bench', role: 'ingest', scopeCode: '46' }))
		.token;
	const started = await startBenchServer({ databaseUrl: url.toString() });
	server = started.child;
	const port = started.port;
	return async (body) => {
		const r = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body
		});
		const answer = (await r.json()) as { accepted: number; duplicates: number };
		if (r.status !== 200) throw new Error(JSON.stringify(answer).slice(0, 500));
		return answer.accepted + answer.duplicates;
	};
}

try {
	// BENCH_SQL: statements to try before the load (e.g. a storage setting), measured against a run without.
	if (process.env.BENCH_SQL) await app.database.rows(sql.raw(process.env.BENCH_SQL));
	const units = benchUnitsCsv(100);
	const imp = await importUnits(app.database, 'units.csv', units);
	if (!imp.ok) throw new Error(JSON.stringify(imp.errors.slice(0, 3)));

	// The senders' side, built before the clock starts: each batch's JSON body as a one-door system
	// would send it, and (up to 1 M of) the same rows as COPY text. Timed: parsing the body, and ingest.
	const bodies: string[] = [];
	const copyRows: string[] = [];
	let batch: Record<string, unknown>[] = [];
	const flush = () => {
		bodies.push(JSON.stringify({ events: batch }));
		batch = [];
	};
	for (const e of benchEvents(DOSSIERS, 2025)) {
		batch.push(e);
		if (copyRows.length < 1_000_000)
			copyRows.push(
				`bench\t${e.id}\t${e.type}\t${e.at}\t${e.unit}\t${e.dossier ?? '\\N'}\t${JSON.stringify(e).replace(/\\/g, '\\\\')}`
			);
		if (batch.length === BATCH) flush();
	}
	if (batch.length > 0) flush();

	const send = HTTP ? await httpSender() : null;
	let events = 0;
	let next = 0;
	const sender = async () => {
		while (next < bodies.length) {
			if (send) {
				events += await send(bodies[next++]);
			} else {
				const body = JSON.parse(bodies[next++]) as { events: unknown[] };
				const r = await ingest(app.database, { source: 'bench', scopeCode: '46' }, body.events);
				if (r.status !== 200) throw new Error(JSON.stringify(r.body).slice(0, 500));
				events += body.events.length;
			}
			if ((events / BATCH) % 40 === 0)
				process.stderr.write(
					`  ${events} events, ${Math.round(events / ((performance.now() - t0) / 1000))}/s\n`
				);
		}
	};
	const t0 = performance.now();
	await Promise.all(Array.from({ length: SENDERS }, sender));
	const ingestMs = performance.now() - t0;
	const ingestRate = events / (ingestMs / 1000);

	// Bare COPY of (up to 1M of) the same rows into an unindexed table of the same shape.
	const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
	await client.unsafe(
		`create unlogged table events_copy (source text, event_id text, type text, at timestamptz, unit text, dossier text, payload jsonb)`
	);
	await client.unsafe(`create table events_copy_logged (like events_copy)`);
	const copyOnce = async (table: string) => {
		const t0 = performance.now();
		const stream = await client.unsafe(`copy ${table} from stdin`).writable();
		for (let i = 0; i < copyRows.length; i += 10_000) {
			const ok = stream.write(copyRows.slice(i, i + 10_000).join('\n') + '\n');
			if (!ok) await new Promise((r) => stream.once('drain', r));
		}
		await new Promise<void>((resolve, reject) =>
			stream.end((err?: Error | null) => (err ? reject(err) : resolve()))
		);
		return copyRows.length / ((performance.now() - t0) / 1000);
	};
	const copyRate = await copyOnce('events_copy_logged');
	// The same log with the indexes ingest keeps on it (unique (source, id), dossier).
	await client.unsafe(`create table events_copy_indexed (like events_copy)`);
	await client.unsafe(`create unique index on events_copy_indexed (source, event_id)`);
	await client.unsafe(`create index on events_copy_indexed (dossier) where dossier is not null`);
	const copyIndexedRate = await copyOnce('events_copy_indexed');
	await client.end();
	// Statistics as autovacuum would have them after such a load.
	await app.database.rows(sql`analyze`);

	const province = (await getUnit(app.database, '46'))!;
	const times = {
		summaryYear: [] as number[],
		summaryMonth: [] as number[],
		rankingsYear: [] as number[],
		summaryCommune: [] as number[]
	};
	for (let i = 0; i < 15; i++) {
		let t0 = performance.now();
		await summary(app.database, '46', '2025-01-01', '2025-12-31');
		times.summaryYear.push(performance.now() - t0);
		t0 = performance.now();
		await summary(app.database, '46', '2025-06-01', '2025-06-30');
		times.summaryMonth.push(performance.now() - t0);
		t0 = performance.now();
		await summary(app.database, '46007', '2025-01-01', '2025-12-31');
		times.summaryCommune.push(performance.now() - t0);
		t0 = performance.now();
		await rankings(app.database, province, 'onTime', '2025-01-01', '2025-12-31');
		times.rankingsYear.push(performance.now() - t0);
	}
	if (profile.size > 0) {
		console.log('time per batch, by statement (ms):');
		const batches = events / BATCH;
		for (const [head, p] of [...profile].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12))
			console.log(
				`  ${(p.ms / batches).toFixed(1).padStart(7)}  ×${(p.n / batches).toFixed(1)}  ${head}`
			);
		console.log(`  ${(ingestMs / batches).toFixed(1).padStart(7)}  total per batch`);
	}
	const check = await summary(app.database, '46', '2025-01-01', '2025-12-31');
	console.log(
		`dossiers: ${DOSSIERS.toLocaleString('en')}, events: ${events.toLocaleString('en')}, units: 101, batches of ${BATCH}, ${SENDERS} concurrent sender(s)`
	);
	console.log(
		`ingest${HTTP ? ' over HTTP' : ''} (validate + log + projections + rollups): ${Math.round(ingestRate).toLocaleString('en')} events/s`
	);
	console.log(
		`bare COPY of ${copyRows.length.toLocaleString('en')} of the same rows:    ${Math.round(copyRate).toLocaleString('en')} rows/s`
	);
	console.log(
		`bare COPY into a table with the log's indexes: ${Math.round(copyIndexedRate).toLocaleString('en')} rows/s`
	);
	console.log(
		`ratio ingest / COPY: ${(ingestRate / copyRate).toFixed(2)}× (unindexed), ${(ingestRate / copyIndexedRate).toFixed(2)}× (indexed)`
	);
	for (const [k, v] of Object.entries(times))
		console.log(`${k}: p50 ${pct(v, 50).toFixed(1)} ms, p95 ${pct(v, 95).toFixed(1)} ms`);
	console.log(
		`check: province 2025 received ${check.received.new}, resolved ${check.resolved.total}, pending ${check.pending.total}`
	);
} finally {
	server?.kill('SIGTERM');
	await app.close();
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.end();
}
