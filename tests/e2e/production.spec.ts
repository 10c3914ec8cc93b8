/**
 * The server as production runs it (server.ts as a process of this spec's
 * own): a SIGTERM with a wall display and 20 sockets whose connections went
 * silent (a TCP relay that stops forwarding, as a cut cable) ends the process
 * within 5 s, and a batch in flight is answered and stored whole or not at
 * all; the logs are JSON lines and /metrics answers. With TEST_DATABASE_URL,
 * the same process on PostgreSQL through a relay survives the database going
 * away for 8 s: 503s that say so, the wall stays connected and says so, and
 * everything works again within 5 s of its return, without a restart.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { io as connectClient, type Socket } from 'socket.io-client';
import { TcpRelay } from '../fixtures/tcp-relay.ts';
import { keys as sharedKeys, localNow } from './helpers.ts';
import { OwnServer } from './own-server.ts';
import { E2E_ADMIN, E2E_DIR, E2E_UNITS } from './paths.ts';

const basePort = Number(process.env.E2E_PORT ?? 4173);
let n = 0;
const event = (unit = '38002') => ({
	id: `prod-${++n}-${Date.now()}`,
	type: 'dossier.received',
	at: localNow(0).iso,
	unit,
	dossier: `PROD-${n}-${Date.now()}`,
	procedure: 'KS',
	procedureName: 'Khai sinh',
	field: 'HT',
	channel: 'online',
	processingDays: 2
});
const post = (base: string, key: string, events: unknown[]) =>
	fetch(`${base}/api/v1/events`, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: JSON.stringify({ events })
	});
const receivedToday = async (base: string, key: string) => {
	const day = localNow(0).day;
	const r = await fetch(`${base}/api/v1/summary?unit=38&from=${day}&to=${day}`, {
		headers: { authorization: `Bearer ${key}` }
	});
	return ((await r.json()) as { received: { new: number } }).received.new;
};

function connectSocket(url: string, token: string): Promise<Socket> {
	const socket = connectClient(url, {
		auth: { token },
		transports: ['websocket'],
		reconnection: false,
		forceNew: true
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

test.describe.configure({ mode: 'serial' });

test.describe('on the embedded database', () => {
	const dir = join(E2E_DIR, 'production');
	const server = new OwnServer(basePort + 2, { dataDir: join(dir, 'data') });
	let keys: { ingest: string; display: string; read: string };
	const relay = new TcpRelay('127.0.0.1', basePort + 2);

	test.beforeAll(async () => {
		void sharedKeys; // the shared server is up: its build is the one used here
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		server.cli('units', 'import', E2E_UNITS);
		keys = {
			ingest: server.cli(
				'keys',
				'create',
				'--name',
				'prod-ingest',
				'--scope',
				'38',
				'--role',
				'ingest'
			),
			display: server.cli(
				'keys',
				'create',
				'--name',
				'prod-display',
				'--scope',
				'38',
				'--role',
				'display'
			),
			read: server.cli('keys', 'create', '--name', 'prod-read', '--scope', '38', '--role', 'read')
		};
		await server.start();
		await relay.start();
	});
	test.afterAll(async () => {
		await server.stop('SIGKILL');
		await relay.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('logs are JSON lines with a request id, route, status and duration; /metrics answers on loopback', async () => {
		const r = await post(server.base, keys.ingest, [event()]);
		expect(r.status).toBe(200);
		const id = r.headers.get('x-request-id');
		expect(id).toBeTruthy();
		await expect.poll(() => server.log.includes(id!)).toBe(true);
		const line = server.log.split('\n').find((l) => l.includes(id!))!;
		expect(JSON.parse(line)).toMatchObject({
			level: 'info',
			req_id: id,
			method: 'POST',
			route: '/api/v1/events',
			status: 200,
			ms: expect.any(Number)
		});
		const m = await fetch(`${server.base}/metrics`);
		expect(m.status).toBe(200);
		const text = await m.text();
		for (const name of [
			'motcua_events_accepted_total 1',
			'motcua_ingest_batch_seconds_bucket',
			'motcua_ingest_lock_wait_seconds',
			'motcua_sockets_connected',
			'motcua_http_request_seconds',
			'process_cpu_user_seconds_total'
		]) {
			expect(text).toContain(name);
		}
	});

	test('SIGTERM with a wall display and 20 silent sockets exits within 5 s; a batch in flight is stored whole', async ({
		page
	}) => {
		test.setTimeout(90_000);
		const before = await receivedToday(server.base, keys.read);
		await page.goto(`http://127.0.0.1:${relay.port}/display/38?key=${keys.display}&rotate=0`);
		await expect(page.getByTestId('wall')).toHaveAttribute('data-live', 'yes', { timeout: 15_000 });
		const sockets = await Promise.all(
			Array.from({ length: 20 }, () =>
				connectSocket(`http://127.0.0.1:${relay.port}`, keys.display)
			)
		);
		for (const s of sockets)
			expect((await s.timeout(5000).emitWithAck('subscribe', { unit: '38' })).ok).toBe(true);
		// The cable is cut: nothing more crosses the relay, and nothing tells either side.
		relay.silence();

		const batch = Array.from({ length: 5000 }, () => event());
		const inFlight = post(server.base, keys.ingest, batch).then(
			(r) => r.status,
			() => 0
		);
		await new Promise((r) => setTimeout(r, 150));
		const { ms, code } = await server.stop('SIGTERM');
		const status = await inFlight;
		for (const s of sockets) s.disconnect();
		test.info().annotations.push({
			type: 'measured',
			description: `exit after SIGTERM: ${ms} ms; batch in flight answered ${status}`
		});
		expect(ms).toBeLessThan(5000);
		expect(code).toBe(0);

		await server.start();
		const after = await receivedToday(server.base, keys.read);
		// Answered 200: all 5,000 are there; not answered: all or none.
		if (status === 200) expect(after - before).toBe(5000);
		else expect([0, 5000]).toContain(after - before);
	});
});

test.describe('on PostgreSQL through a relay', () => {
	test.skip(!process.env.TEST_DATABASE_URL, 'TEST_DATABASE_URL is not set');
	const adminUrl = process.env.TEST_DATABASE_URL ?? '';
	const name = `mcl_e2e_${Date.now().toString(36)}`;
	let relay: TcpRelay;
	let server: OwnServer;
	let keys: { ingest: string; display: string };
	let admin: postgres.Sql;

	test.beforeAll(async () => {
		admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		const direct = new URL(adminUrl);
		direct.pathname = `/${name}`;
		relay = new TcpRelay(direct.hostname, Number(direct.port || 5432));
		const port = await relay.start();
		const via = new URL(direct);
		via.hostname = '127.0.0.1';
		via.port = String(port);
		// The CLI goes straight to the database; the server through the relay.
		const cli = new OwnServer(basePort + 3, { url: direct.toString() });
		cli.cli('units', 'import', E2E_UNITS);
		keys = {
			ingest: cli.cli('keys', 'create', '--name', 'pg-ingest', '--scope', '38', '--role', 'ingest'),
			display: cli.cli(
				'keys',
				'create',
				'--name',
				'pg-display',
				'--scope',
				'38',
				'--role',
				'display'
			)
		};
		new OwnServer(basePort + 3, { url: direct.toString() }, { PASSWORD: E2E_ADMIN.password }).cli(
			'users',
			'create',
			'--username',
			E2E_ADMIN.username,
			'--role',
			'admin',
			'--scope',
			'38'
		);
		server = new OwnServer(basePort + 3, { url: via.toString() });
		await server.start();
	});
	test.afterAll(async () => {
		await server?.stop('SIGKILL');
		await relay?.close();
		await admin?.unsafe(`drop database if exists ${name} with (force)`);
		await admin?.end();
	});

	test('the database goes away for 8 s: the process lives, says so everywhere, and heals within 5 s of its return', async ({
		page,
		browser
	}) => {
		test.setTimeout(120_000);
		const base = server.base;
		expect((await post(base, keys.ingest, [event()])).status).toBe(200);
		await page.goto(`${base}/login`);
		await page.getByLabel('Tên đăng nhập').fill(E2E_ADMIN.username);
		await page.getByLabel('Mật khẩu').fill(E2E_ADMIN.password);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await page.goto(`${base}/units/38`);
		await expect(page.getByTestId('live-status')).toContainText('Đang kết nối trực tiếp', {
			timeout: 15_000
		});
		const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		await wall.goto(`${base}/display/38?key=${keys.display}&rotate=0`);
		await expect(wall.getByTestId('wall')).toHaveAttribute('data-live', 'yes', { timeout: 15_000 });

		// A fast shutdown: every backend of the server is terminated (57P01), then nothing answers.
		const ports = relay.upstreamPorts();
		await admin.unsafe(
			`select pg_terminate_backend(pid) from pg_stat_activity where client_port = any($1::int[])`,
			[ports]
		);
		await new Promise((r) => setTimeout(r, 100));
		await relay.cut();
		const cutAt = Date.now();

		const refused = await post(base, keys.ingest, [event()]);
		expect(refused.status).toBe(503);
		expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
		expect((await fetch(`${base}/healthz`)).status).toBe(503);
		await expect(wall.getByTestId('offline-banner')).toContainText('mất kết nối cơ sở dữ liệu', {
			timeout: 10_000
		});
		await expect(wall.getByTestId('wall')).toHaveAttribute('data-live', 'yes');
		await expect(page.getByTestId('live-status')).toContainText('mất kết nối cơ sở dữ liệu', {
			timeout: 10_000
		});
		const down = await page.request.get(`${base}/units/38`, { headers: { accept: 'text/html' } });
		expect(down.status()).toBe(503);
		expect(await down.text()).toContain('Không kết nối được cơ sở dữ liệu');
		await new Promise((r) => setTimeout(r, Math.max(0, 8000 - (Date.now() - cutAt))));
		expect(server.alive).toBe(true);

		await relay.restore();
		const back = Date.now();
		let status = 0;
		while (status !== 200 && Date.now() - back < 5000) {
			status = (await post(base, keys.ingest, [event()])).status;
			if (status !== 200) await new Promise((r) => setTimeout(r, 100));
		}
		expect(status).toBe(200);
		test.info().annotations.push({
			type: 'measured',
			description: `writes accepted again ${Date.now() - back} ms after the database returned`
		});
		expect(Date.now() - back).toBeLessThan(5000);
		const health = await fetch(`${base}/healthz`);
		expect(
			health.status,
			`${await health.text()}\n${server.log
				.split('\n')
				.filter((l) => /"level":"(warn|error)"/.test(l))
				.slice(-8)
				.join('\n')}`
		).toBe(200);
		await expect(wall.getByTestId('offline-banner')).toHaveCount(0, { timeout: 10_000 });
		await expect(page.getByTestId('live-status')).toContainText('Đang kết nối trực tiếp', {
			timeout: 10_000
		});
		const again = await page.request.get(`${base}/units/38`);
		expect(
			again.status(),
			server.log
				.split('\n')
				.filter((l) => /"level":"(warn|error)"/.test(l))
				.slice(-8)
				.join('\n')
		).toBe(200);
		expect(server.alive).toBe(true);
		expect(server.log).not.toMatch(/uncaught exception|unhandled rejection/);
		await wall.close();
	});
});
