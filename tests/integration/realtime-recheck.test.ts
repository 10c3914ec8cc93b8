/** Live sockets are cut when the credential they rode on is revoked (key) or ended (session). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { sql } from 'drizzle-orm';
import { createSession, invalidateSession } from '../../src/lib/server/auth/sessions.ts';
import { createUser } from '../../src/lib/server/auth/users.ts';
import { recheckSockets } from '../../src/lib/server/realtime/recheck.ts';
import { BACKENDS, createTestApp, importCsv, key, type TestDb } from './harness.ts';
import { TREE_CSV } from './units.fixture.ts';
import { startLive, type Live } from './live-server.ts';

function connect(url: string, opts: { token?: string; cookie?: string }): Promise<Socket> {
	const socket = connectClient(url, {
		auth: opts.token ? { token: opts.token } : {},
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		extraHeaders: opts.cookie ? { cookie: opts.cookie } : {}
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

describe.each(BACKENDS)('credential recheck of live sockets on %s', (backend) => {
	let t: TestDb;
	let live: Live;
	const sockets: Socket[] = [];
	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		live = await startLive(t.app, { adapterUrl: null, recheckMs: 3_600_000 });
	});
	afterAll(async () => {
		for (const s of sockets) s.close();
		await live.stop();
		await t.drop();
	});

	it('keeps valid sockets, cuts those of a revoked key or an ended session', async () => {
		const token = await key(t.app, 'display', '46', 'wall');
		const other = await key(t.app, 'read', '46', 'reader');
		const { id: userId } = await createUser(t.app.database, {
			username: 'giamsat',
			role: 'supervisor',
			scopeCode: '46',
			password: 'một-mật-khẩu-đủ-dài'
		});
		const session = await createSession(t.app.database, userId);
		const wall = [await connect(live.url, { token }), await connect(live.url, { token })];
		const reader = await connect(live.url, { token: other });
		const browser = await connect(live.url, { cookie: `mcl_session=${session.token}` });
		sockets.push(...wall, reader, browser);
		const revokedMsgs: unknown[] = [];
		wall[0].on('revoked', (m) => revokedMsgs.push(m));

		expect(await recheckSockets(live.hub.io, t.app.database)).toBe(0);
		await t.app.database.rows(
			sql`update api_keys set revoked_at = now() where id = ${token.slice(4).split('.')[0]}`
		);
		expect(await recheckSockets(live.hub.io, t.app.database)).toBe(2);
		await new Promise((r) => setTimeout(r, 200));
		expect(wall.map((s) => s.connected)).toEqual([false, false]);
		expect(revokedMsgs).toHaveLength(1);
		expect(reader.connected && browser.connected).toBe(true);

		await invalidateSession(t.app.database, session.token.split('.')[0]);
		expect(await recheckSockets(live.hub.io, t.app.database)).toBe(1);
		await new Promise((r) => setTimeout(r, 200));
		expect(browser.connected).toBe(false);
		expect(reader.connected).toBe(true);
		await expect(connect(live.url, { token })).rejects.toThrow(/revoked/);
	});
});
