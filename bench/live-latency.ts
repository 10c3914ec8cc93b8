/**
 * Live-path benchmark (not a test): prints figures.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/live-latency.ts
 *   (BENCH_CLIENTS=100,1000  BENCH_RATES=100,500  BENCH_SECONDS=10  BENCH_PRELOAD=20000
 *    BENCH_WORKERS=4  BENCH_ADAPTER=1  BENCH_FIGURES_MS=250)
 *
 * A real HTTP server with the live hub (socket.io with the Postgres adapter,
 * as under DATABASE_URL) on a throwaway PostgreSQL database (created here,
 * dropped at the end) holding a province of 100 communes and some history.
 * N socket.io clients (websocket transport) subscribe to the province; events
 * go through the ingest service in one batch every 100 ms at the given rate.
 *
 * Latency of one delivery = (the instant a client's `feed` handler sees the
 * item) − (the instant `ingest()` resolved for its batch: the transaction had
 * committed; taken just before `notifyAccepted` hands the batch to the hub,
 * which is what POST /api/v1/events does). Both are performance.timeOrigin +
 * performance.now(), in this one process; items are matched by event id.
 * The clients run in this same process, in worker threads (their own event
 * loops, so their decoding does not stall the server's); the RSS printed is
 * the whole process, clients included; "server heap" is the main thread's.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { io as connectClient, type Socket } from 'socket.io-client';

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
		for (let i = 0; i < this.buckets.length; i++) if ((seen += this.buckets[i]) >= want) return i * 0.05;
		return this.max;
	}
}

type WorkerInit = { base: string; token: string; commits: SharedArrayBuffer };
type ToWorker = { cmd: 'connect'; total: number } | { cmd: 'reset' } | { cmd: 'report' } | { cmd: 'close' };

/** A worker thread holding some of the clients. */
async function clientWorker(init: WorkerInit) {
	const commits = new Float64Array(init.commits);
	const sockets: Socket[] = [];
	let hist = new Histogram();
	let figures = 0;
	let late: { i: number; at: number }[] = []; // received before the commit instant was visible here (should not happen)
	const onFeed = (items: { id: string | null }[]) => {
		const now = clock();
		for (const item of items) {
			const i = Number(item.id!.slice(5)); // live-<i>
			if (commits[i] > 0) hist.add(now - commits[i]);
			else late.push({ i, at: now });
		}
	};
	parentPort!.on('message', async (m: ToWorker) => {
		if (m.cmd === 'connect') {
			while (sockets.length < m.total) {
				const wave = Array.from({ length: Math.min(50, m.total - sockets.length) }, () => {
					const s = connectClient(init.base, { auth: { token: init.token }, transports: ['websocket'], forceNew: true, reconnection: false });
					s.on('feed', onFeed);
					s.on('figures', () => figures++);
					return new Promise<Socket>((resolve, reject) => {
						s.once('connect', async () => {
							const ack = await s.emitWithAck('subscribe', { unit: '46' });
							if (ack.ok) resolve(s);
							else reject(new Error(ack.error));
						});
						s.once('connect_error', reject);
					});
				});
				sockets.push(...(await Promise.all(wave)));
			}
			parentPort!.postMessage({ connected: sockets.length });
		} else if (m.cmd === 'reset') {
			hist = new Histogram();
			figures = 0;
			late = [];
			parentPort!.postMessage({ reset: true });
		} else if (m.cmd === 'report') {
			for (const l of late) if (commits[l.i] > 0) hist.add(l.at - commits[l.i]);
			parentPort!.postMessage({ buckets: hist.buckets, count: hist.count, max: hist.max, figures });
		} else {
			for (const s of sockets) s.disconnect();
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

async function main() {
	const postgres = (await import('postgres')).default;
	const { createApp, notifyAccepted } = await import('../src/lib/server/app.ts');
	const { createKey } = await import('../src/lib/server/auth/keys.ts');
	const { openDatabase } = await import('../src/lib/server/db/index.ts');
	const { ingest } = await import('../src/lib/server/ingest/ingest.ts');
	const { importUnits } = await import('../src/lib/server/units/import.ts');
	const { attachRealtime } = await import('../src/lib/server/realtime/index.ts');
	const { benchEvents, benchUnitsCsv } = await import('./generate.ts');
	const { sql } = await import('drizzle-orm');

	const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
	const CLIENTS = (process.env.BENCH_CLIENTS ?? '100,1000').split(',').map(Number);
	const RATES = (process.env.BENCH_RATES ?? '100,500').split(',').map(Number);
	const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
	const PRELOAD = Number(process.env.BENCH_PRELOAD ?? 20_000);
	const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
	const ADAPTER = process.env.BENCH_ADAPTER !== '0';
	const FIGURES_MS = Number(process.env.BENCH_FIGURES_MS ?? 250);
	const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

	const name = `mcl_bench_live_${randomBytes(4).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const app = createApp(await openDatabase({ url: url.toString() }));
	const server = createServer();
	const hub = await attachRealtime(server, app, { adapterUrl: ADAPTER ? url.toString() : null, figuresIntervalMs: FIGURES_MS });
	const workers: Worker[] = [];
	try {
		const imp = await importUnits(app.database, 'units.csv', benchUnitsCsv(100));
		if (!imp.ok) throw new Error(JSON.stringify(imp.errors.slice(0, 3)));
		const source = benchEvents(PRELOAD, 2025);
		for (let batch: Record<string, unknown>[] = []; ; batch = []) {
			for (let r = source.next(); !r.done && batch.length < 5000; r = source.next()) batch.push(r.value);
			if (batch.length === 0) break;
			const r = await ingest(app.database, { source: 'preload', scopeCode: '46' }, batch);
			if (r.status !== 200) throw new Error(JSON.stringify(r.body).slice(0, 300));
		}
		await app.database.rows(sql`analyze`); // statistics as autovacuum would have them
		const { token } = await createKey(app.database, { name: 'bench-read', role: 'read', scopeCode: '46' });
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

		const maxEvents = Math.max(...RATES) * SECONDS * RATES.length * CLIENTS.length + 10_000;
		const commitsBuffer = new SharedArrayBuffer(8 * maxEvents);
		const commits = new Float64Array(commitsBuffer);
		for (let i = 0; i < WORKERS; i++) {
			const init: WorkerInit = { base, token, commits: commitsBuffer };
			workers.push(new Worker(new URL(import.meta.url), { workerData: init }));
		}
		console.log(
			`live latency: PostgreSQL ${url.hostname}, province 46 with 100 communes, ${PRELOAD.toLocaleString('en')} preloaded dossiers; ` +
				`socket.io ${ADAPTER ? 'with the Postgres adapter' : 'with the in-memory adapter'}, figures every ${FIGURES_MS} ms; ` +
				`clients in this process, in ${WORKERS} worker threads; every client subscribed to the province (46)`
		);
		console.log(`before clients: RSS ${mb(process.memoryUsage().rss)}, server heap ${mb(process.memoryUsage().heapUsed)}`);

		let seq = 0;
		for (const n of CLIENTS) {
			await Promise.all(workers.map((w, k) => ask(w, { cmd: 'connect', total: Math.floor(n / WORKERS) + (k < n % WORKERS ? 1 : 0) })));
			await sleep(500);
			const idle = process.memoryUsage();
			for (const rate of RATES) {
				await Promise.all(workers.map((w) => ask(w, { cmd: 'reset' })));
				const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
				const ticks = Math.round((SECONDS * 1000) / TICK_MS);
				let sent = 0;
				let ingestMs = 0;
				let rssPeak = 0;
				let heapPeak = 0;
				let behind = 0;
				const t0 = performance.now();
				for (let k = 0; k < ticks; k++) {
					const wait = t0 + k * TICK_MS - performance.now();
					if (wait > 0) await sleep(wait);
					else if (k > 0) behind++;
					const at = new Date().toISOString();
					const first = seq + 1;
					const events = Array.from({ length: perTick }, () => {
						const i = ++seq;
						const unit = `46${String(1 + (i % 100)).padStart(3, '0')}`;
						return { id: `live-${i}`, type: 'dossier.received', at, unit, dossier: `L${i}`, procedure: 'P1', field: 'F1', channel: 'online', dueAt: '2099-01-01T00:00:00Z' };
					});
					const started = performance.now();
					const r = await ingest(app.database, { source: 'bench-live', scopeCode: '46' }, events);
					if (r.status !== 200) throw new Error(JSON.stringify(r.body).slice(0, 300));
					const committed = clock(); // the transaction has committed: latency starts here
					commits.fill(committed, first, seq + 1);
					notifyAccepted(app, { items: r.items, dossiers: r.dossiers });
					ingestMs += performance.now() - started;
					sent += events.length;
					if (k % 10 === 0) {
						const mu = process.memoryUsage();
						rssPeak = Math.max(rssPeak, mu.rss);
						heapPeak = Math.max(heapPeak, mu.heapUsed);
					}
				}
				const elapsed = (performance.now() - t0) / 1000;
				await sleep(1500); // let the last deliveries land
				const hist = new Histogram();
				let figures = 0;
				for (const r of await Promise.all(workers.map((w) => ask<{ buckets: Uint32Array; count: number; max: number; figures: number }>(w, { cmd: 'report' })))) {
					hist.merge(r);
					figures += r.figures;
				}
				console.log(
					`${String(n).padStart(5)} clients, ${String(rate).padStart(4)} events/s (${perTick} per batch every ${TICK_MS} ms for ${SECONDS} s${behind ? `, ${behind} batches late` : ''}): ` +
						`commit→client p50 ${hist.pct(50).toFixed(2)} ms, p99 ${hist.pct(99).toFixed(2)} ms, max ${hist.max.toFixed(1)} ms; ` +
						`delivered ${hist.count.toLocaleString('en')} of ${(sent * n).toLocaleString('en')}; ingest ${(ingestMs / ticks).toFixed(1)} ms/batch; ` +
						`figures ${(figures / n / elapsed).toFixed(1)}/s per client; ` +
						`RSS ${mb(idle.rss)} idle → ${mb(rssPeak)}, server heap ${mb(idle.heapUsed)} → ${mb(heapPeak)}`
				);
			}
		}
		console.log(`hub counters: ${JSON.stringify(hub.stats)}`);
	} finally {
		await Promise.all(workers.map((w) => ask(w, { cmd: 'close' }).then(() => w.terminate())));
		server.closeAllConnections();
		await hub.close();
		await app.close();
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

if (isMainThread) await main();
else await clientWorker(workerData as WorkerInit);
