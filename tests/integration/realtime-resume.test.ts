/**
 * Resuming the live feed with `since` (docs/api.md#live): from the in-memory ring,
 * from the stored history after a restart, in chunks of at most 500, in seq
 * order, nothing lost or repeated; `resync: true` only beyond the history kept.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { io as connectClient, type Socket } from 'socket.io-client';
import { announceOverdue } from '../../src/lib/server/overdue/ticker.ts';
import type { FeedItem, HubOptions } from '../../src/lib/server/realtime/index.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	type Backend,
	type TestDb
} from './harness.ts';
import { received, TREE_CSV } from './units.fixture.ts';
import { startLive, type Live } from './live-server.ts';

// ---- helpers (kept in this file: only realtime*.test.ts files belong to this suite) ----
/** `log` records feed messages and the ack in arrival order. */
type Client = { socket: Socket; messages: FeedItem[][]; log: ('feed' | 'ack')[] };

const clients: Client[] = [];
function connect(url: string, token: string): Promise<Client> {
	const socket = connectClient(url, {
		auth: { token },
		transports: ['websocket'],
		reconnection: false,
		forceNew: true
	});
	const c: Client = { socket, messages: [], log: [] };
	clients.push(c);
	socket.on('feed', (items: FeedItem[]) => (c.messages.push(items), c.log.push('feed')));
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(c));
		socket.once('connect_error', reject);
	});
}
async function subscribe(c: Client, msg: unknown) {
	const ack = await c.socket.timeout(60_000).emitWithAck('subscribe', msg);
	c.log.push('ack');
	return ack;
}
const items = (c: Client) => c.messages.flat();
async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}
const adapterFor = (backend: Backend, t: TestDb): HubOptions => ({
	adapterUrl: backend === 'postgres' ? t.url! : null
});
let n = 0;
const ev = (unit: string) =>
	received(`rs-${++n}`, unit, `RS-${n}`, new Date().toISOString(), {
		dueAt: '2099-01-01T17:00:00+07:00'
	});
const UNITS = ['46001', '46101', '46002', '46102', '46003', '46103'];
const batchOf = (size: number) =>
	Array.from({ length: size }, (_, i) => ev(UNITS[i % UNITS.length]));

/** Seq order, no repeats, and exactly the expected ids. */
function expectExactly(got: FeedItem[], ids: string[]) {
	expect(got.map((i) => i.id)).toEqual(ids);
	for (let i = 1; i < got.length; i++) expect(got[i].seq).toBeGreaterThan(got[i - 1].seq);
}
// ----

afterEach(() => {
	for (const c of clients.splice(0)) c.socket.disconnect();
});

describe.each(BACKENDS)('live resume on %s', (backend) => {
	let t: TestDb;
	let live: Live;
	let ingest: string;
	let ingest47: string;
	let read: string;
	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		ingest = await key(t.app, 'ingest', '46');
		ingest47 = await key(t.app, 'ingest', '47');
		read = await key(t.app, 'read', '46');
		live = await startLive(t.app, adapterFor(backend, t));
	});
	afterAll(async () => {
		await live?.stop();
		await t?.drop();
	});

	it('sends what was missed while disconnected first, in seq order, once, then live', async () => {
		const first = await connect(live.url, read);
		const ack0 = await subscribe(first, { unit: '460' });
		expect(ack0).toMatchObject({ ok: true, seq: expect.any(Number) });
		first.socket.disconnect();

		const missed: string[] = [];
		for (let b = 0; b < 3; b++) {
			const batch = batchOf(8);
			expect((await postBatch(t.app, ingest, batch)).status).toBe(200);
			missed.push(...batch.filter((e) => e.unit.startsWith('460')).map((e) => e.id));
		}
		expect((await postBatch(t.app, ingest47, [ev('47001')])).status).toBe(200);

		const again = await connect(live.url, read);
		const fromRing = live.hub.stats.resumesFromRing;
		const ack = await subscribe(again, { unit: '460', since: ack0.seq });
		expect(ack).toMatchObject({ ok: true });
		expect(ack.resync).toBeUndefined();
		expect(again.log.at(-1)).toBe('ack'); // the backlog came before the ack
		expectExactly(items(again), missed);
		expect(ack.seq).toBeGreaterThanOrEqual(items(again).at(-1)!.seq);
		expect(live.hub.stats.resumesFromRing).toBe(fromRing + 1);

		// From the middle: only what follows.
		const mid = items(again)[5];
		const third = await connect(live.url, read);
		await subscribe(third, { unit: '460', since: mid.seq });
		expectExactly(items(third), missed.slice(6));

		// Then live, exactly once.
		const next = ev('46003');
		await postBatch(t.app, ingest, [next]);
		await until('the live item', () => items(again).length === missed.length + 1);
		await new Promise((r) => setTimeout(r, 100));
		expectExactly(items(again), [...missed, next.id]);
	});

	it('after a restart the ring is empty and the backlog comes from the database, in chunks of at most 500', async () => {
		const first = await connect(live.url, read);
		const ack0 = await subscribe(first, { unit: '46' });
		first.socket.disconnect();
		const missed: string[] = [];
		for (let b = 0; b < 3; b++) {
			const batch = batchOf(400);
			expect((await postBatch(t.app, ingest, batch)).status).toBe(200);
			missed.push(...batch.map((e) => e.id));
		}

		await live.stop();
		live = await startLive(t.app, adapterFor(backend, t));
		expect(live.hub.stats).toMatchObject({ resumesFromRing: 0, resumesFromDb: 0 });
		const again = await connect(live.url, read);
		const ack = await subscribe(again, { unit: '46', since: ack0.seq });
		expect(ack).toMatchObject({ ok: true });
		expect(ack.resync).toBeUndefined();
		expect(live.hub.stats.resumesFromDb).toBe(1);
		expectExactly(items(again), missed);
		expect(again.messages.length).toBeGreaterThanOrEqual(3);
		for (const m of again.messages) expect(m.length).toBeLessThanOrEqual(500);
		expect(items(again)[0]).toEqual({
			seq: expect.any(Number),
			id: missed[0],
			type: 'dossier.received',
			unit: '46001',
			dossier: expect.any(String),
			at: expect.stringMatching(/Z$/)
		});
	});

	it('overdue announcements (no source id) are feed items: live, and resumed from the database after a restart', async () => {
		const c = await connect(live.url, read);
		const ack0 = await subscribe(c, { unit: '461' });
		const due = new Date(Date.now() - 3_600_000).toISOString();
		const late = received(
			`rs-${++n}`,
			'46102',
			`RS-OV-${n}`,
			new Date(Date.now() - 7_200_000).toISOString(),
			{ dueAt: due }
		);
		expect((await postBatch(t.app, ingest, [late])).status).toBe(200);
		const announced = await announceOverdue(t.app);
		const mine = announced.find((a) => a.dossier === late.dossier)!;
		expect(mine).toBeTruthy();
		const expected = {
			seq: mine.seq,
			id: null,
			type: 'dossier.overdue',
			unit: '46102',
			dossier: late.dossier,
			at: new Date(due).toISOString()
		};
		await until('the live announcement', () => items(c).some((i) => i.type === 'dossier.overdue'));
		expect(items(c).map((i) => i.id)).toEqual([late.id, null]);
		expect(items(c)[1]).toEqual(expected);

		await live.stop();
		live = await startLive(t.app, adapterFor(backend, t));
		const again = await connect(live.url, read);
		await subscribe(again, { unit: '461', since: ack0.seq });
		expect(live.hub.stats.resumesFromDb).toBe(1);
		expect(items(again)).toEqual([{ ...items(c)[0] }, expected]);
	});

	it('answers resync: true only when the backlog exceeds 10,000 items first logged over 24 hours ago', async () => {
		const first = await connect(live.url, read);
		const ack0 = await subscribe(first, { unit: '46' });
		first.socket.disconnect();
		const missed: string[] = [];
		for (let b = 0; b < 3; b++) {
			const batch = batchOf(4000);
			expect((await postBatch(t.app, ingest, batch)).status).toBe(200);
			missed.push(...batch.map((e) => e.id));
		}

		// 12,000 missed, but all recent: everything is sent.
		const recent = await connect(live.url, read);
		const ack1 = await subscribe(recent, { unit: '46', since: ack0.seq });
		expect(ack1.resync).toBeUndefined();
		expect(items(recent).length).toBe(12_000);
		expectExactly(items(recent), missed);

		// The same backlog, first logged two days ago: nothing is sent, the client reloads.
		await t.app.database.rows(sql`update events set accepted_at = accepted_at - interval '2 days'`);
		const old = await connect(live.url, read);
		const ack2 = await subscribe(old, { unit: '46', since: ack0.seq });
		expect(ack2).toMatchObject({ ok: true, resync: true, seq: ack1.seq });
		expect(items(old)).toEqual([]);
		// It still gets the live feed.
		const next = ev('46102');
		await postBatch(t.app, ingest, [next]);
		await until('the live item after resync', () => items(old).length >= 1);
		expect(items(old)[0].id).toBe(next.id);

		// A position beyond anything this feed holds (another deployment's seq): start afresh too.
		const alien = await connect(live.url, read);
		expect(await subscribe(alien, { unit: '46', since: ack1.seq + 1_000_000 })).toMatchObject({
			ok: true,
			resync: true,
			seq: ack1.seq + 1
		});
		expect(items(alien)).toEqual([]);

		// A short backlog is sent however old it is.
		const tail = await connect(live.url, read);
		const since = items(recent)[11_899].seq; // (recent also got `next` live)
		const ack3 = await subscribe(tail, { unit: '46', since });
		expect(ack3.resync).toBeUndefined();
		expectExactly(items(tail), [...missed.slice(-100), next.id]);
	});
});
