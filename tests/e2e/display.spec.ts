import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { keys, localNow } from './helpers.ts';

const SHOTS = '/tmp/shots/display-helper';
const fmt = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

test('the wall display needs a display key and shows a new event within 1 s', async ({
	page,
	request
}) => {
	expect((await request.get('/display/38')).status()).toBe(401);
	expect((await request.get('/display/38?key=mcl_kbogus.secret')).status()).toBe(401);
	expect((await request.get(`/display/38?key=${keys().ingest}`)).status()).toBe(401);
	expect((await request.get(`/display/40?key=${keys().display}`)).status()).toBe(403);
	// The refresh endpoint is guarded the same way.
	expect((await request.get('/display/38/state?part=live')).status()).toBe(401);
	expect(
		(
			await request.get('/display/38/state?part=live', {
				headers: { authorization: `Bearer ${keys().ingest}` }
			})
		).status()
	).toBe(401);
	expect(
		(
			await request.get('/display/40/state?part=live', {
				headers: { authorization: `Bearer ${keys().display}` }
			})
		).status()
	).toBe(403);
	expect(
		(
			await request.get('/display/38/state?part=all', {
				headers: { authorization: `Bearer ${keys().display}` }
			})
		).status()
	).toBe(400);

	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`/display/38?key=${keys().display}`);
	await expect(page.getByText('Trung tâm Phục vụ hành chính công')).toBeVisible();
	await expect(page.getByTestId('wall-clock')).toHaveText(/^\d{2}:\d{2}$/);
	await expect(page.getByTestId('updated-at')).toHaveText(/^cập nhật lúc \d{2}:\d{2}:\d{2}$/);
	const before = Number(
		(await page.getByTestId('display-received').textContent())!.replace(/\./g, '')
	);
	await page.waitForTimeout(500);
	const ev = {
		id: 'wall-1',
		type: 'dossier.received',
		at: localNow(0).iso,
		unit: '38002',
		dossier: 'WALL-1',
		procedure: 'KT',
		procedureName: 'Đăng ký khai tử',
		field: 'HT',
		channel: 'direct',
		processingDays: 2
	};
	expect(
		(
			await request.post('/api/v1/events', {
				headers: { authorization: `Bearer ${keys().ingest}` },
				data: { events: [ev] }
			})
		).status()
	).toBe(200);
	await expect(page.getByTestId('display-received')).toHaveText(fmt(before + 1), { timeout: 1000 });
	await expect(page.getByTestId('feed')).toContainText('Đăng ký khai tử', { timeout: 1000 });
	// The unit's shape on the map lights up (a running Web Animation on its path).
	expect(
		await page.evaluate(
			() => document.querySelector('[data-code="38002"]')?.getAnimations().length ?? 0
		)
	).toBeGreaterThan(0);
});

test('a bad rotation interval is refused with a clear message', async ({ request }) => {
	const r = await request.get(`/display/38?key=${keys().display}&rotate=2`);
	expect(r.status()).toBe(400);
	expect(await r.text()).toContain('rotate phải là 0 (không xoay) hoặc từ 5 đến 3600 giây');
});

test('panels rotate on the interval of the link, and the wall fits both screens without scrollbars', async ({
	page
}) => {
	test.setTimeout(90_000);
	mkdirSync(SHOTS, { recursive: true });
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`/display/38?key=${keys().display}&rotate=5`);
	const wall = page.getByTestId('wall');
	await expect(wall).toHaveAttribute('data-panel', 'map');
	await expect(page.getByTestId('panel-map')).toBeVisible();
	await expect(page.getByTestId('panel-ranking')).toBeHidden();
	for (const next of ['ranking', 'score', 'trends', 'overdue', 'map']) {
		await expect(wall).toHaveAttribute('data-panel', next, { timeout: 7000 });
		await expect(page.getByTestId(`panel-${next}`)).toBeVisible();
	}
	for (const [w, h] of [
		[1920, 1080],
		[3840, 2160]
	]) {
		await page.setViewportSize({ width: w, height: h });
		await page.waitForTimeout(300);
		const overflow = await page.evaluate(() => [
			document.documentElement.scrollWidth - innerWidth,
			document.documentElement.scrollHeight - innerHeight
		]);
		expect(overflow).toEqual([0, 0]);
		// Text scales with the screen: body text ≥ 28 px at 1080p.
		const px = await wall.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(px).toBeGreaterThanOrEqual((28 * h) / 1080 - 0.5);
		await page.screenshot({ path: `${SHOTS}/e2e-display-${w}x${h}.png` });
	}
	// Nothing to click, no cursor.
	expect(await page.evaluate(() => getComputedStyle(document.body).cursor)).toBe('none');
});

test('without a rotation the map stays', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`/display/38?key=${keys().display}&rotate=0`);
	await page.waitForTimeout(6000);
	await expect(page.getByTestId('wall')).toHaveAttribute('data-panel', 'map');
});
