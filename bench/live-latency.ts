/**
 * Live-path benchmark (not a test): prints figures.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/live-latency.ts
 *   (BENCH_CLIENTS=1000  BENCH_RATE=490  BENCH_SECONDS=20  BENCH_RUNS=3  BENCH_PRELOAD=20000  BENCH_WORKERS=2
 *    BENCH_WARMUP=10: seconds of the same traffic first, printed as a run of its own and not counted)
 *
 * Sender → screen, as a province runs it: the server (bench/live-server.ts:
 * the app, the live hub with the Postgres adapter, the production
 * POST /api/v1/events) in its own process pinned to CPU 0 with `taskset`; in
 * this process, pinned to CPU 1, a sender that posts a batch every 100 ms at
 * the given rate over HTTP, and N light clients in worker threads: raw
 * websockets speaking just enough socket.io (connect, subscribe, pong) and
 * reading only the event ids out of each `feed` frame — no decoding of what
 * is not timed, so the clients do not steal the time they measure.
 *
 * Latency of one delivery = (the instant a client receives the frame holding
 * the item) − (the instant the sender started the POST of its batch), both
 * performance.timeOrigin + performance.now() of this one process. RSS is the
 * server process's, sampled every second.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startBenchServer } from './server-process.ts';

const TICK_MS = 100;
const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Latencies in 0.05 ms buckets up to 10 s. */
class Histogram {
	buckets = new Uint32Array(200_000);
	count = 0;
	max = 0;
	add(ms: number) {
		this.buckets[Math.min(this.buckets.length - 1, Math.max(0, Math.round(ms / 0.05)))]++;
		this.count++;
		if (ms > this.max) this.max = ms;
	}
	merge(o: { buckets: Uint32Array; count: number; max: number }) {
		for (let i = 0; i < o.buckets.length; i++) this.buckets[i] += o.buckets[i];
		this.count += o.count;
		this.max = Math.max(this.max, o.max);
	}
	pct(p: number): number {
		const want = Math.ceil((p / 100) * this.count);
		let seen = 0;
		for (let i = 0; i < this.buckets.length; i++)
			if ((seen += this.buckets[i]) >= want) return i * 0.05;
		return this.max;
	}
}

type WorkerInit = { port: number; token: string; unit: string; sent: SharedArrayBuffer };
type ToWorker =
	{ cmd: 'connect'; total: number } | { cmd: 'reset' } | { cmd: 'report' } | { cmd: 'close' };

const ID = /"id":"live-(\d+)"/g;

/** A worker thread holding some of the light clients. */
async function clientWorker(init: WorkerInit) {
	const sent = new Float64Array(init.sent);
	const sockets: WebSocket[] = [];
	let hist = new Histogram();
	const open = () =>
		new Promise<WebSocket>((resolve, reject) => {
			const ws = new WebSocket(`ws://127.0.0.1:${init.port}/socket.io/?EIO=4&transport=websocket`);
			let subscribed = false;
			ws.onmessage = (m) => {
				const frame = m.data as string;
				if (frame === '2') return ws.send('3'); // engine.io ping → pong
				if (frame.startsWith('42["feed"')) {
					const now = clock();
					for (const match of frame.matchAll(ID)) {
						const t = sent[Number(match[1])];
						if (t > 0) hist.add(now - t);
					}
					return;
				}
				if (frame.startsWith('0{')) return ws.send(`40${JSON.stringify({ token: init.token })}`); // engine.io open → socket.io connect
				if (frame.startsWith('40'))
					return ws.send(`421${JSON.stringify(['subscribe', { unit: init.unit }])}`);
				if (frame.startsWith('431') && !subscribed) {
					subscribed = true;
					if (frame.includes('"ok":true')) resolve(ws);
					else reject(new Error(frame));
				}
				if (frame.startsWith('44')) reject(new Error(frame));
			};
			ws.onerror = () => reject(new Error('websocket error'));
		});
	parentPort!.on('message', async (m: ToWorker) => {
		if (m.cmd === 'connect') {
			while (sockets.length < m.total)
				sockets.push(
					...(await Promise.all(
						Array.from({ length: Math.min(50, m.total - sockets.length) }, open)
					))
				);
			parentPort!.postMessage({ connected: sockets.length });
		} else if (m.cmd === 'reset') {
			hist = new Histogram();
			parentPort!.postMessage({ reset: true });
		} else if (m.cmd === 'report') {
			parentPort!.postMessage({ buckets: hist.buckets, count: hist.count, max: hist.max });
		} else {
			for (const s of sockets) s.close();
			parentPort!.postMessage({ closed: true });
		}
	});
}

function ask<T>(w: Worker, m: ToWorker): Promise<T> {
	return new Promise((resolve) => {
		w.once('message', resolve);
		w.postMessage(m);
	});
}

const cores = () => Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim() || 1);
const pinned = (cpu: number, args: string[]) =>
	(cores() > 1 && spawnSync('taskset', ['--version']).status === 0
		? ['taskset', ['-c', String(cpu), ...args]]
		: [args[0], args.slice(1)]) as [string, string[]];

async function main() {
	// This process (sender and clients) on CPU 1, the server on CPU 0.
	if (!process.env.BENCH_PINNED && cores() > 1) {
		const [cmd, args] = pinned(1, [process.execPath, ...process.argv.slice(1)]);
		const r = spawnSync(cmd, args, {
			stdio: 'inherit',
			env: { ...process.env, BENCH_PINNED: '1' }
		});
		process.exit(r.status ?? 1);
	}
	const postgres = (await import('postgres')).default;
	const { createApp } = await import('../src/lib/server/app.ts');
	const { createKey } = await import('../src/lib/server/auth/keys.ts');
	const { openDatabase } = await import('../src/lib/server/db/index.ts');
	const { ingest } = await import('../src/lib/server/ingest/ingest.ts');
	const { importUnits } = await import('../src/lib/server/units/import.ts');
	const { benchEvents, benchUnitsCsv } = await import('./generate.ts');
	const { sql } = await import('drizzle-orm');

	const adminUrl =
		process.env.BENCH_DATABASE_URL ??
		process.env.TEST_DATABASE_URL ??
		'postgres://postgres@127.0.0.1:5432/test';
	const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
	const RATE = Number(process.env.BENCH_RATE ?? 490);
	const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
	const RUNS = Number(process.env.BENCH_RUNS ?? 3);
	// The first seconds after start-up are slower (V8 still compiling the hot paths, cold caches): a warm-up run.
	const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
	const PRELOAD = Number(process.env.BENCH_PRELOAD ?? 20_000);
	const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
	const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

	const name = `mcl_bench_live_${randomBytes(4).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	let server: ChildProcess | null = null;
	const workers: Worker[] = [];
	try {
		const app = createApp(await openDatabase({ url: url.toString() }));
		const imp = await importUnits(app.database, 'units.csv', benchUnitsCsv(100));
		if (!imp.ok) throw new Error(JSON.stringify(imp.errors.slice(0, 3)));
		const source = benchEvents(PRELOAD, 2025);
		for (let batch: Record<string, unknown>[] = []; ; batch = []) {
			for (let r = source.next(); !r.done && batch.length < 5000; r = source.next())
				batch.push(r.value);
			if (batch.length === 0) break;
			const r = await ingest(app.database, { source: 'preload', scopeCode: '46' }, batch);
			if (r.status !== 200) throw new Error(JSON.stringify(r.body).slice(0, 300));
		}
		await app.database.rows(sql`analyze`);
		const read = (
			await createKey(app.database, { name: 'bench-read', role: 'read', scopeCode: '46' })
		).token;
		const ingestKey = (
			await createKey(app.database, { name: 'bench-live', role: 'ingest', scopeCode: '46' })
		).token;
		await app.close();

		const profile = process.env.BENCH_PROFILE
			? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
			: [];
		const started = await startBenchServer({
			databaseUrl: url.toString(),
			extraFlags: profile,
			wrap: (argv) => pinned(0, argv)
		});
		server = started.child;
		const port = started.port;
		const usage = async () =>
			(await (await fetch(`http://127.0.0.1:${port}/bench/memory`)).json()) as NodeJS.MemoryUsage;
		const memory = async () => (await usage()).rss;
		// Where the RSS is: V8's heap (used of total) and the memory outside it (Buffers and the like).
		const parts = (u: NodeJS.MemoryUsage) =>
			`RSS ${mb(u.rss)} (heap ${mb(u.heapUsed)} of ${mb(u.heapTotal)}, external ${mb(u.external)})`;

		const aloneUsage = await usage();
		const alone = aloneUsage.rss;
		const maxEvents = RATE * (SECONDS * RUNS + WARMUP) + 10_000;
		const sentBuffer = new SharedArrayBuffer(8 * maxEvents);
		const sent = new Float64Array(sentBuffer);
		for (let i = 0; i < WORKERS; i++)
			workers.push(
				new Worker(new URL(import.meta.url), {
					workerData: { port, token: read, unit: '46', sent: sentBuffer } satisfies WorkerInit
				})
			);
		await Promise.all(
			workers.map((w, k) =>
				ask(w, {
					cmd: 'connect',
					total: Math.floor(CLIENTS / WORKERS) + (k < CLIENTS % WORKERS ? 1 : 0)
				})
			)
		);
		await sleep(1000);
		const idleUsage = await usage();
		const idle = idleUsage.rss;
		console.log(
			`live: server (app + hub with the Postgres adapter) in its own process on CPU 0, PostgreSQL ${url.hostname}; ` +
				`${CLIENTS} light websocket clients and the sender on CPU 1; all subscribed to the province (100 communes, ${PRELOAD.toLocaleString('en')} preloaded dossiers); ` +
				`server RSS ${mb(alone)} alone, ${mb(idle)} with the clients connected`
		);
		console.log(`  alone: ${parts(aloneUsage)}; connected: ${parts(idleUsage)}`);

		let seq = 0;
		for (let run = WARMUP > 0 ? 0 : 1; run <= RUNS; run++) {
			await Promise.all(workers.map((w) => ask(w, { cmd: 'reset' })));
			const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
			const seconds = run === 0 ? WARMUP : SECONDS;
			const ticks = Math.round((seconds * 1000) / TICK_MS);
			let count = 0;
			let postMs = 0;
			let rssPeak = 0;
			let atPeak: NodeJS.MemoryUsage | null = null;
			let behind = 0;
			const t0 = performance.now();
			const sampler = setInterval(
				() =>
					void usage().then((u) => {
						if (u.rss > rssPeak) [rssPeak, atPeak] = [u.rss, u];
					}),
				1000
			);
			for (let k = 0; k < ticks; k++) {
				const wait = t0 + k * TICK_MS - performance.now();
				if (wait > 0) await sleep(wait);
				else if (k > 0) behind++;
				const at = new Date().toISOString();
				const first = seq + 1;
				const events = Array.from({ length: perTick }, () => {
					const i = ++seq;
					const unit = `46${String(1 + (i % 100)).padStart(3, '0')}`;
					return {
						id: `live-${i}`,
						type: 'dossier.received',
						at,
						unit,
						dossier: `L${i}`,
						procedure: 'P1',
						field: 'F1',
						channel: 'online',
						dueAt: '2099-01-01T00:00:00Z'
					};
				});
				const started = clock();
				sent.fill(started, first, seq + 1);
				const r = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
					method: 'POST',
					headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' },
					body: JSON.stringify({ events })
				});
				if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
				await r.arrayBuffer();
				postMs += clock() - started;
				count += events.length;
			}
			clearInterval(sampler);
			await sleep(1500); // the last deliveries
			const hist = new Histogram();
			for (const r of await Promise.all(
				workers.map((w) =>
					ask<{ buckets: Uint32Array; count: number; max: number }>(w, { cmd: 'report' })
				)
			))
				hist.merge(r);
			const rate = count / ((performance.now() - t0) / 1000);
			console.log(
				`${run === 0 ? 'warm-up (not counted)' : `run ${run}`}: ${CLIENTS} clients, ${Math.round(rate)} events/s (${perTick} a batch every ${TICK_MS} ms for ${seconds} s${behind ? `, ${behind} batches late` : ''}): ` +
					`sender→screen p50 ${hist.pct(50).toFixed(1)} ms, p99 ${hist.pct(99).toFixed(1)} ms, max ${hist.max.toFixed(1)} ms; ` +
					`delivered ${hist.count.toLocaleString('en')} of ${(count * CLIENTS).toLocaleString('en')}; POST ${(postMs / ticks).toFixed(1)} ms a batch; ` +
					`server RSS ${mb(idle)} idle → ${mb(Math.max(rssPeak, await memory()))} peak`
			);
			if (atPeak) console.log(`  at the peak: ${parts(atPeak)}`);
		}
	} finally {
		await Promise.all(workers.map((w) => ask(w, { cmd: 'close' }).then(() => w.terminate())));
		server?.kill('SIGTERM');
		await sleep(500);
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

if (isMainThread) await main();
else await clientWorker(workerData as WorkerInit);
