/**
 * A PostgreSQL restart, simulated without touching the machine's server: app
 * process A reaches the database through a TCP relay; the test terminates
 * A's backends (57P01, as `pg_ctl stop -m fast` does) and cuts the relay for
 * a while. Process B reaches the database directly and keeps writing. A must
 * not die, must answer 503 + Retry-After (nothing half-written) and 503 on
 * /healthz, keep its sockets and say the database is away; once the relay is
 * back it writes again within 5 s, LISTEN comes back, and its subscriber gets
 * what B committed meanwhile without reconnecting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { io as connectClient, type Socket } from 'socket.io-client';
import { createApp, type App } from '../../src/lib/server/app.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { jsonRows } from '../../src/lib/server/db/json-rows.ts';
import type { FeedItem } from '../../src/lib/server/realtime/index.ts';
import { createTestApp, importCsv, key, postBatch, request, type TestDb } from './harness.ts';
import { startLive, type Live } from './live-server.ts';
import { TcpRelay } from '../fixtures/tcp-relay.ts';
import { received, TREE_CSV } from './units.fixture.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(
	what: string,
	ok: () => boolean | Promise<boolean>,
	ms = 10_000
): Promise<void> {
	const end = Date.now() + ms;
	while (!(await ok())) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(20);
	}
}
let n = 0;
const ev = (unit = '46001') =>
	received(`out-${++n}`, unit, `OUT-${n}`, new Date().toISOString(), {
		dueAt: '2099-01-01T17:00:00+07:00'
	});

describe.skipIf(!process.env.TEST_DATABASE_URL)('a database restart on postgres', () => {
	let t: TestDb;
	let relay: TcpRelay;
	let appA: App;
	let liveA: Live;
	let liveB: Live;
	let ingest: string;
	let read: string;
	let socket: Socket;
	const feed: FeedItem[] = [];
	const statuses: string[] = [];
	let admin: postgres.Sql;
	const stored = async () =>
		Number(
			(await jsonRows<number>(t.app.database, sql`select to_jsonb(count(*)) as j from events`))[0]
		);

	beforeAll(async () => {
		t = await createTestApp('postgres');
		await importCsv(t.app, TREE_CSV);
		ingest = await key(t.app, 'ingest', '46');
		read = await key(t.app, 'read', '46');
		const direct = new URL(t.url!);
		relay = new TcpRelay(direct.hostname, Number(direct.port || 5432));
		const port = await relay.start();
		const viaRelay = new URL(t.url!);
		viaRelay.port = String(port);
		viaRelay.hostname = '127.0.0.1';
		appA = createApp(await openDatabase({ url: viaRelay.toString(), migrate: false }));
		liveA = await startLive(appA, { adapterUrl: viaRelay.toString() });
		liveB = await startLive(t.app, { adapterUrl: t.url! });
		admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
		socket = connectClient(liveA.url, {
			auth: { token: read },
			transports: ['websocket'],
			forceNew: true
		});
		socket.on('feed', (items: FeedItem[]) => feed.push(...items));
		socket.on('status', (s: { database: string }) => statuses.push(s.database));
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
		const ack = await socket.timeout(10_000).emitWithAck('subscribe', { unit: '46' });
		expect(ack.ok).toBe(true);
	});
	afterAll(async () => {
		socket?.disconnect();
		await liveA?.stop();
		await liveB?.stop();
		await appA?.close();
		await relay?.close();
		await admin?.end();
		await t?.drop();
	});

	it('survives, refuses writes with 503 while away, and catches up by itself when back', async () => {
		// Both processes see each other: B's batch reaches A's subscriber.
		const before = ev();
		await until(
			'peers to meet',
			async () => (await liveB.hub.io.of('/').adapter.serverCount()) > 1
		);
		expect((await postBatch(t.app, ingest, [before])).status).toBe(200);
		await until("B's item on A", () => feed.some((i) => i.id === before.id));

		// The restart: A's backends are terminated (57P01, as a fast shutdown does), then the relay refuses new connections.
		const ports = relay.upstreamPorts();
		expect(ports.length).toBeGreaterThan(0);
		const killed = await admin.unsafe(
			`select pg_terminate_backend(pid) as ok from pg_stat_activity where client_port = any($1::int[])`,
			[ports]
		);
		expect(killed.length).toBeGreaterThan(0);
		await sleep(100);
		await relay.cut();

		const count = await stored();
		const refused = await postBatch(appA, ingest, [ev()]);
		expect(refused.status).toBe(503);
		expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
		expect((await request(appA, 'GET', '/healthz')).status).toBe(503);
		const summary = await request(
			appA,
			'GET',
			`/api/v1/summary?unit=46&from=2024-01-01&to=2024-12-31`,
			{ token: read }
		);
		expect(summary.status).toBe(503);
		expect(await stored()).toBe(count);
		await until(
			'the subscriber to hear the database is away',
			() => statuses.includes('down'),
			8000
		);
		expect(socket.connected).toBe(true);

		// Meanwhile B (which reaches the database) keeps writing; A keeps trying (its driver's reconnect retries pile up).
		const during = ev('46101');
		expect((await postBatch(t.app, ingest, [during])).status).toBe(200);
		const cutAt = Date.now();
		while (Date.now() - cutAt < 8000) {
			expect((await request(appA, 'GET', '/healthz')).status).toBe(503);
			await sleep(250);
		}
		expect(socket.connected).toBe(true);

		// Back: writes succeed within 5 s, without a restart.
		await relay.restore();
		const back = Date.now();
		let status = 0;
		while (status !== 200) {
			status = (await postBatch(appA, ingest, [ev()])).status;
			if (status !== 200) {
				expect(status).toBe(503);
				expect(Date.now() - back).toBeLessThan(5000);
				await sleep(100);
			}
		}
		expect(Date.now() - back).toBeLessThan(5000);
		// Every pooled connection is back too, not only the first: a dozen reads at once all succeed, quickly.
		const reads = await Promise.all(
			Array.from({ length: 12 }, () =>
				request(appA, 'GET', `/api/v1/summary?unit=46&from=2024-01-01&to=2024-12-31`, {
					token: read
				})
			)
		);
		expect(reads.map((r) => r.status)).toEqual(Array(12).fill(200));
		expect(Date.now() - back).toBeLessThan(5000);
		expect((await request(appA, 'GET', '/healthz')).status).toBe(200);

		// What B committed during the outage reaches A's subscriber without a reconnect, and LISTEN works again.
		await until('the missed item', () => feed.some((i) => i.id === during.id), 10_000);
		await until(
			'the subscriber to hear the database is back',
			() => statuses.at(-1) === 'up',
			8000
		);
		const after = ev();
		await until('LISTEN to be back', async () => {
			if (feed.some((i) => i.id === after.id)) return true;
			await postBatch(t.app, ingest, [after]);
			await sleep(300);
			return feed.some((i) => i.id === after.id);
		});
		expect(new Set(feed.map((i) => i.seq)).size).toBe(feed.length);
	});
});
