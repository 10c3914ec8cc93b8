/**
 * The live hub (docs/api.md#live) on a real HTTP server with real socket.io
 * clients: who may connect, scope of subscriptions, feed fan-out by subtree
 * within 100 ms, figures equal to the API's, coalescing, and (on PostgreSQL)
 * two app processes sharing one database through the Postgres adapter.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { createApp, type App } from '../../src/lib/server/app.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { createSession } from '../../src/lib/server/auth/sessions.ts';
import { createUser } from '../../src/lib/server/auth/users.ts';
import { localDay } from '../../src/lib/domain/calendar/days.ts';
import type { FeedItem, FiguresMessage, HubOptions } from '../../src/lib/server/realtime/index.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	request,
	type Backend,
	type TestDb
} from './harness.ts';
import { received, TREE_CSV } from './units.fixture.ts';
import { startLive, type Live } from './live-server.ts';

// ---- helpers (kept in this file: only realtime*.test.ts files belong to this suite) ----
type Client = {
	socket: Socket;
	feed: { item: FeedItem; t: number }[];
	figures: { msg: FiguresMessage; t: number }[];
};

const clients: Client[] = [];
function connect(
	url: string,
	opts: { token?: string; cookie?: string; origin?: string } = {}
): Promise<Client> {
	const headers: Record<string, string> = {};
	if (opts.cookie) headers.cookie = opts.cookie;
	if (opts.origin) headers.origin = opts.origin;
	const socket = connectClient(url, {
		auth: opts.token ? { token: opts.token } : {},
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: headers,
		forceNew: true
	});
	const c: Client = { socket, feed: [], figures: [] };
	clients.push(c);
	socket.on('feed', (items: FeedItem[]) =>
		c.feed.push(...items.map((item) => ({ item, t: performance.now() })))
	);
	socket.on('figures', (msg: FiguresMessage) => c.figures.push({ msg, t: performance.now() }));
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(c));
		socket.once('connect_error', (err) => reject(err));
	});
}
const subscribe = (c: Client, msg: unknown) =>
	c.socket.timeout(10_000).emitWithAck('subscribe', msg);
async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const adapterFor = (backend: Backend, t: TestDb): HubOptions => ({
	adapterUrl: backend === 'postgres' ? t.url! : null
});
let n = 0;
const ev = (unit: string, at = new Date().toISOString()) =>
	received(`rt-${++n}`, unit, `RT-${n}`, at, { dueAt: '2099-01-01T17:00:00+07:00' });
// ----

afterEach(() => {
	for (const c of clients.splice(0)) c.socket.disconnect();
});

describe.each(BACKENDS)('live hub on %s', (backend) => {
	let t: TestDb;
	let live: Live;
	const keys: Record<string, string> = {};
	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		keys.ingest = await key(t.app, 'ingest', '46');
		keys.ingest47 = await key(t.app, 'ingest', '47');
		keys.read = await key(t.app, 'read', '46');
		keys.read460 = await key(t.app, 'read', '460');
		keys.display = await key(t.app, 'display', '46');
		live = await startLive(t.app, adapterFor(backend, t));
	});
	afterAll(async () => {
		await live?.stop();
		await t?.drop();
	});

	it('refuses a connection without credentials, with a wrong key, and with an ingest key — saying why', async () => {
		await expect(connect(live.url)).rejects.toThrow(/authentication required/);
		await expect(connect(live.url, { token: 'mcl_kxxxx.yyyy' })).rejects.toThrow(
			/invalid or revoked API key/
		);
		const forged = keys.read.replace(/.$/, (ch) => (ch === 'a' ? 'b' : 'a'));
		await expect(connect(live.url, { token: forged })).rejects.toThrow(/invalid or revoked/);
		await expect(connect(live.url, { token: keys.ingest })).rejects.toThrow(/role "ingest"/);
		await expect(connect(live.url, { token: keys.display })).resolves.toBeTruthy();
	});

	it('accepts a session cookie from its own origin only; the user’s scope limits subscriptions', async () => {
		const { id } = await createUser(t.app.database, {
			username: `u460-${backend}`,
			role: 'unit',
			scopeCode: '460',
			password: 'a-long-password-1'
		});
		const { token } = await createSession(t.app.database, id);
		const cookie = `theme=dark; mcl_session=${encodeURIComponent(token)}`;
		await expect(connect(live.url, { cookie: 'mcl_session=s123.nope' })).rejects.toThrow(
			/session is invalid/
		);
		await expect(connect(live.url, { cookie, origin: 'https://evil.example' })).rejects.toThrow(
			/cross-origin/
		);
		const c = await connect(live.url, { cookie, origin: live.url });
		expect(await subscribe(c, { unit: '460' })).toMatchObject({ ok: true });
		expect(await subscribe(c, { unit: '46' })).toEqual({
			ok: false,
			error: expect.stringMatching(/outside your scope/)
		});
	});

	it('refuses units outside the key’s scope, unknown units and malformed messages', async () => {
		const c = await connect(live.url, { token: keys.read460 });
		expect(await subscribe(c, { unit: '461' })).toEqual({
			ok: false,
			error: expect.stringMatching(/"461" is outside your scope \(460\)/)
		});
		expect(await subscribe(c, { unit: '46' })).toMatchObject({ ok: false });
		expect(await subscribe(c, { unit: '99999' })).toEqual({
			ok: false,
			error: 'unknown unit "99999"'
		});
		expect(await subscribe(c, { unit: 460 })).toMatchObject({
			ok: false,
			error: expect.stringMatching(/invalid subscribe message: unit/)
		});
		expect(
			await subscribe(c, { unit: '460', period: { from: '2024-05-31', to: '2024-05-01' } })
		).toMatchObject({ ok: false });
		expect(await subscribe(c, { unit: '460', metric: 'speed' })).toMatchObject({ ok: false });
		expect(await subscribe(c, { unit: '46001' })).toMatchObject({
			ok: true,
			seq: expect.any(Number)
		});
	});

	it('fans a posted event out to the rooms of its unit and every ancestor, within 100 ms, and nowhere else', async () => {
		const province = await connect(live.url, { token: keys.read });
		const district = await connect(live.url, { token: keys.read460 });
		const other = await connect(live.url, { token: keys.read });
		expect(await subscribe(province, { unit: '46' })).toMatchObject({ ok: true });
		expect(await subscribe(district, { unit: '460' })).toMatchObject({ ok: true });
		expect(await subscribe(other, { unit: '461' })).toMatchObject({ ok: true });

		const e1 = ev('46001');
		const r1 = await postBatch(t.app, keys.ingest, [e1]);
		const posted = performance.now();
		expect(r1.status).toBe(200);
		await until(
			'both subscribers to get the 46001 event',
			() => province.feed.length >= 1 && district.feed.length >= 1,
			2000
		);
		const expected = {
			seq: r1.json.lastSeq,
			id: e1.id,
			type: 'dossier.received',
			unit: '46001',
			dossier: e1.dossier,
			at: new Date(e1.at).toISOString()
		};
		expect(province.feed[0].item).toEqual(expected);
		expect(Object.keys(district.feed[0].item).sort()).toEqual([
			'at',
			'dossier',
			'id',
			'seq',
			'type',
			'unit'
		]);
		expect(district.feed[0].item).toEqual(expected);
		for (const c of [province, district]) expect(c.feed[0].t - posted).toBeLessThan(100);

		const e2 = ev('46101');
		const r2 = await postBatch(t.app, keys.ingest, [e2]);
		const e3 = ev('47001');
		expect((await postBatch(t.app, keys.ingest47, [e3])).status).toBe(200);
		await until(
			'the province and 461 to get the 46101 event',
			() => province.feed.length >= 2 && other.feed.length >= 1
		);
		expect(province.feed[1].item).toMatchObject({ seq: r2.json.lastSeq, id: e2.id, unit: '46101' });
		expect(other.feed.map((f) => f.item.id)).toEqual([e2.id]);
		await sleep(150);
		expect(district.feed.map((f) => f.item.id)).toEqual([e1.id]); // 46101 is not in 460's subtree
		expect(province.feed.map((f) => f.item.id)).toEqual([e1.id, e2.id]); // 47001 is not in 46's
	});

	it('unsubscribe stops the feed; a new subscribe moves the socket to the other unit', async () => {
		const c = await connect(live.url, { token: keys.read });
		expect(await subscribe(c, { unit: '460' })).toMatchObject({ ok: true });
		expect(await subscribe(c, { unit: '461' })).toMatchObject({ ok: true });
		const a = ev('46001');
		const b = ev('46101');
		await postBatch(t.app, keys.ingest, [a, b]);
		await until('the 461 item', () => c.feed.length >= 1);
		expect(await c.socket.timeout(5000).emitWithAck('unsubscribe', {})).toMatchObject({ ok: true });
		await postBatch(t.app, keys.ingest, [ev('46102')]);
		await sleep(150);
		expect(c.feed.map((f) => f.item.id)).toEqual([b.id]);
	});

	it('pushes figures equal to /summary and /rankings for the subscribed unit, period and metric', async () => {
		const c = await connect(live.url, { token: keys.read });
		const period = { from: '2024-05-01', to: '2024-05-31' };
		expect(await subscribe(c, { unit: '46', period, metric: 'online' })).toMatchObject({
			ok: true
		});
		await until('the first figures', () => c.figures.length >= 1);
		expect(c.figures[0].msg).toMatchObject({ unit: '46', ...period, metric: 'online' });

		const may = (d: number) => `2024-05-${String(d).padStart(2, '0')}T09:00:00+07:00`;
		const batch = [
			ev('46001', may(6)),
			ev('46002', may(7)),
			{ ...ev('46101', may(8)), channel: 'direct' },
			ev('46103', may(9))
		];
		const r = await postBatch(t.app, keys.ingest, batch);
		expect(r.status).toBe(200);
		await until('figures including the batch', () =>
			c.figures.some((f) => f.msg.seq >= r.json.lastSeq)
		);
		const msg = c.figures.find((f) => f.msg.seq >= r.json.lastSeq)!.msg;
		const q = `from=${period.from}&to=${period.to}`;
		const sum = await request(t.app, 'GET', `/api/v1/summary?unit=46&${q}`, { token: keys.read });
		const ranks = await request(t.app, 'GET', `/api/v1/rankings?parent=46&metric=online&${q}`, {
			token: keys.read
		});
		expect(msg.summary).toEqual(sum.json);
		expect(msg.rankings).toEqual(ranks.json.items);
		expect(sum.json.received.new).toBe(4);
		expect(ranks.json.items.map((i: { unit: string }) => i.unit).sort()).toEqual(['460', '461']);

		// Without a period: today (Asia/Ho_Chi_Minh), metric onTime.
		const d = await connect(live.url, { token: keys.read460 });
		expect(await subscribe(d, { unit: '460' })).toMatchObject({ ok: true });
		await until('default figures', () => d.figures.length >= 1);
		const today = localDay(new Date());
		expect(d.figures[0].msg).toMatchObject({
			unit: '460',
			from: today,
			to: today,
			metric: 'onTime'
		});
		expect(d.figures[0].msg.rankings.map((i) => (i as { unit: string }).unit)).toEqual([
			'46001',
			'46002',
			'46003'
		]);
	});

	it('coalesces figures: 50 quick batches give at most ~4 pushes a second, the last with the final counts', async () => {
		const c = await connect(live.url, { token: keys.read });
		expect(await subscribe(c, { unit: '46' })).toMatchObject({ ok: true });
		await until('the first figures', () => c.figures.length >= 1);
		await sleep(300); // past any push for earlier activity
		const today = localDay(new Date());
		const todayQuery = `/api/v1/summary?unit=46&from=${today}&to=${today}`;
		const before = (await request(t.app, 'GET', todayQuery, { token: keys.read })).json.received
			.new;
		const feedBefore = c.feed.length;
		const t0 = performance.now();
		let last = 0;
		for (let i = 0; i < 50; i++) {
			const r = await postBatch(t.app, keys.ingest, [ev(['46001', '46102', '46003'][i % 3])]);
			expect(r.status).toBe(200);
			last = r.json.lastSeq;
			// Real posts arrive over the network; in-memory PGlite alone would never let a timer run between them.
			await new Promise((resolve) => setImmediate(resolve));
		}
		const elapsed = performance.now() - t0;
		await until('figures with the last batch', () => c.figures.some((f) => f.msg.seq >= last));
		await sleep(600); // nothing more should come: no feed since
		const pushes = c.figures.filter((f) => f.t > t0);
		expect(c.feed.length - feedBefore).toBe(50);
		// One push per 250 ms tick at most, plus the one that follows the burst.
		expect(pushes.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 2);
		expect(pushes.length).toBeLessThan(50);
		for (let i = 1; i < pushes.length; i++)
			expect(pushes[i].t - pushes[i - 1].t).toBeGreaterThan(150);
		const final = pushes[pushes.length - 1].msg;
		expect(final.seq).toBeGreaterThanOrEqual(last);
		expect((final.summary as { received: { new: number } }).received.new).toBe(before + 50);
		expect(final.summary).toEqual(
			(await request(t.app, 'GET', todayQuery, { token: keys.read })).json
		);
	});

	it('throttles the figures of a room too large for the byte budget, never its feed, and still pushes the final counts', async () => {
		// A budget so small that every push of this room (two sockets) waits the longest interval, 1 s.
		// Its own in-memory adapter: with the Postgres one it would also get this app's batches from the other hub.
		const slow = await startLive(t.app, {
			adapterUrl: null,
			figuresBytesPerSecond: 100,
			figuresMaxIntervalMs: 1000
		});
		try {
			const [a, b] = [
				await connect(slow.url, { token: keys.read }),
				await connect(slow.url, { token: keys.read })
			];
			for (const c of [a, b])
				expect(await subscribe(c, { unit: '46' })).toMatchObject({ ok: true });
			await until('the first figures', () => a.figures.length >= 1 && b.figures.length >= 1);
			await sleep(1100); // past any push for earlier activity
			const feedBefore = a.feed.length;
			const t0 = performance.now();
			let last = 0;
			for (let i = 0; i < 25; i++) {
				const r = await postBatch(t.app, keys.ingest, [ev('46001')]);
				last = r.json.lastSeq;
				await sleep(100);
			}
			const elapsed = performance.now() - t0;
			await until(
				'figures with the last batch',
				() => a.figures.some((f) => f.msg.seq >= last),
				4000
			);
			const pushes = a.figures.filter((f) => f.t > t0);
			expect(a.feed.length - feedBefore).toBe(25);
			// ~2.5 s of activity: a push a second at most (4 a second without the budget), the final one included.
			expect(pushes.length).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1);
			for (let i = 1; i < pushes.length; i++)
				expect(pushes[i].t - pushes[i - 1].t).toBeGreaterThan(800);
			expect(pushes[pushes.length - 1].msg.seq).toBeGreaterThanOrEqual(last);
		} finally {
			await slow.stop();
		}
	});

	it.runIf(backend === 'postgres')(
		'fans out across two app processes sharing one PostgreSQL (Postgres adapter)',
		async () => {
			const other: App = createApp(await openDatabase({ url: t.url!, migrate: false }));
			const liveB = await startLive(other, adapterFor(backend, t));
			try {
				await sleep(300); // the adapter's LISTEN connection
				const onB = await connect(liveB.url, { token: keys.read460 });
				const ack = await subscribe(onB, { unit: '460' });
				expect(ack).toMatchObject({ ok: true });
				await until('figures on B', () => onB.figures.length >= 1);
				// Committed by process A (its hub fans out locally and passes the batch on).
				const e = ev('46002');
				const r = await postBatch(t.app, keys.ingest, [e, ev('46102')]);
				const posted = performance.now();
				await until('the batch on process B', () => onB.feed.length >= 1, 2000);
				expect(onB.feed[0].item).toEqual({
					seq: r.json.lastSeq - 1,
					id: e.id,
					type: e.type,
					unit: '46002',
					dossier: e.dossier,
					at: new Date(e.at).toISOString()
				});
				expect(onB.feed[0].t - posted).toBeLessThan(100);
				await until('figures on B after A’s batch', () =>
					onB.figures.some((f) => f.msg.seq >= r.json.lastSeq)
				);
				// B's ring holds A's items: a resume on B is answered from it, complete.
				onB.socket.disconnect();
				const again = await connect(liveB.url, { token: keys.read460 });
				const fromRing = liveB.hub.stats.resumesFromRing;
				expect(await subscribe(again, { unit: '460', since: ack.seq })).toMatchObject({ ok: true });
				expect(again.feed.map((f) => f.item.id)).toEqual([e.id]);
				expect(liveB.hub.stats.resumesFromRing).toBe(fromRing + 1);
			} finally {
				await liveB.stop();
				await other.close();
			}
		}
	);
});
