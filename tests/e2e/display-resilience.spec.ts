/**
 * The wall display heals itself: a server stopped and restarted on the same
 * data, and a browser cut off the network for 30 s, both end with every event
 * on screen and the page never reloaded. This spec runs its own server (like
 * tests/e2e/serve.ts, on the next port with its own DATA_DIR) so it can stop it.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { keys as sharedKeys, localNow } from './helpers.ts';
import { OwnServer } from './own-server.ts';
import { E2E_DIR, E2E_UNITS } from './paths.ts';

const port = Number(process.env.E2E_PORT ?? 4173) + 1;
const dir = join(E2E_DIR, 'resilience');
const server = new OwnServer(port, { dataDir: join(dir, 'data') });
const base = server.base;
const startServer = () => server.start();
const stopServer = () => server.stop();

let keys: { ingest: string; display: string };

let n = 0;
async function post(
	request: APIRequestContext,
	procedureName: string,
	type: 'dossier.received' | 'dossier.resolved' = 'dossier.received',
	dossier = `RES-${++n}`
) {
	const ev =
		type === 'dossier.received'
			? {
					id: `res-${n}-${Date.now()}`,
					type,
					at: localNow(0).iso,
					unit: '38002',
					dossier,
					procedure: 'KS',
					procedureName,
					field: 'HT',
					channel: 'online',
					processingDays: 2
				}
			: { id: `res-${n}-${Date.now()}-s`, type, at: localNow(0).iso, unit: '38002', dossier };
	const r = await request.post(`${base}/api/v1/events`, {
		headers: { authorization: `Bearer ${keys.ingest}` },
		data: { events: [ev] }
	});
	expect(r.status()).toBe(200);
	return dossier;
}

async function openWall(page: Page) {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`${base}/display/38?key=${keys.display}&rotate=0`);
	await expect(page.getByText('Trung tâm Phục vụ hành chính công')).toBeVisible();
	await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = 'same-page'));
	// Live: the socket subscribed (an event shows up).
	const hello = `Mở màn hình ${++n}`;
	await post(page.request, hello);
	await expect(page.getByTestId('feed')).toContainText(hello, { timeout: 3000 });
}

const received = async (page: Page) =>
	Number((await page.getByTestId('display-received').textContent())!.replace(/\./g, ''));
const marker = (page: Page) =>
	page.evaluate(() => (window as unknown as { __marker?: string }).__marker);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	void sharedKeys; // the shared server is up (its build is the one used here)
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	server.cli('units', 'import', E2E_UNITS);
	keys = {
		ingest: server.cli(
			'keys',
			'create',
			'--name',
			'res-ingest',
			'--scope',
			'38',
			'--role',
			'ingest'
		),
		display: server.cli(
			'keys',
			'create',
			'--name',
			'res-display',
			'--scope',
			'38',
			'--role',
			'display'
		)
	};
	await startServer();
});

test.afterAll(async () => {
	await stopServer();
	rmSync(dir, { recursive: true, force: true });
});

test('the server is stopped and restarted on the same data: the display heals without reloading', async ({
	page,
	request
}) => {
	test.setTimeout(120_000);
	await openWall(page);
	await expect(page.getByTestId('offline-banner')).toHaveCount(0);
	const before = await received(page);

	await stopServer();
	// Disconnected: a discreet banner, the data stays on screen.
	await expect(page.getByTestId('offline-banner')).toContainText('Mất kết nối — dữ liệu lúc', {
		timeout: 10_000
	});
	await expect(page.getByTestId('display-received')).toHaveText(
		new Intl.NumberFormat('vi-VN').format(before)
	);

	await startServer();
	await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 30_000 });
	await post(request, 'Sau khởi động lại');
	await expect(page.getByTestId('feed')).toContainText('Sau khởi động lại', { timeout: 2000 });
	await expect(page.getByTestId('display-received')).toHaveText(
		new Intl.NumberFormat('vi-VN').format(before + 1),
		{ timeout: 2000 }
	);
	expect(await marker(page)).toBe('same-page');
});

test('the page is offline for 30 s while events are posted, and shows all of them when it is back', async ({
	page,
	context,
	request
}) => {
	test.setTimeout(120_000);
	await openWall(page);
	const before = await received(page);

	await context.setOffline(true);
	const cutAt = Date.now();
	// The socket really is cut: the banner shows, and a fetch from the page fails.
	await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 10_000 });
	expect(
		await page.evaluate(() =>
			fetch('/healthz').then(
				() => 'reached',
				() => 'failed'
			)
		)
	).toBe('failed');

	const names = ['Ngoại tuyến một', 'Ngoại tuyến hai', 'Ngoại tuyến ba'];
	await post(request, names[0]);
	await page.waitForTimeout(8000);
	await post(request, names[1]);
	await page.waitForTimeout(8000);
	await post(request, names[2]);
	await page.waitForTimeout(Math.max(0, 30_000 - (Date.now() - cutAt)));
	// Nothing arrived while cut off.
	await expect(page.getByTestId('feed')).not.toContainText(names[0]);
	await expect(page.getByTestId('offline-banner')).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 15_000 });
	for (const name of names)
		await expect(page.getByTestId('feed')).toContainText(name, { timeout: 3000 });
	await expect(page.getByTestId('display-received')).toHaveText(
		new Intl.NumberFormat('vi-VN').format(before + 3)
	);
	expect(await marker(page)).toBe('same-page');
});
