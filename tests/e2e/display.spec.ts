import { expect, test } from '@playwright/test';
import { keys, localNow } from './helpers.ts';

test('the wall display needs a display key and shows a new event within 1 s', async ({ page, request }) => {
	expect((await request.get('/display/38')).status()).toBe(401);
	expect((await request.get('/display/38?key=mcl_kbogus.secret')).status()).toBe(401);
	expect((await request.get(`/display/38?key=${keys().ingest}`)).status()).toBe(401);
	expect((await request.get(`/display/40?key=${keys().display}`)).status()).toBe(403);

	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`/display/38?key=${keys().display}`);
	await expect(page.getByText('Trung tâm Phục vụ hành chính công')).toBeVisible();
	const before = Number((await page.getByTestId('display-received').textContent())!.replace(/\./g, ''));
	await page.waitForTimeout(500);
	const ev = { id: 'wall-1', type: 'dossier.received', at: localNow(0).iso, unit: '38002', dossier: 'WALL-1', procedure: 'KS', procedureName: 'Đăng ký khai tử', field: 'HT', channel: 'direct', processingDays: 2 };
	expect((await request.post('/api/v1/events', { headers: { authorization: `Bearer ${keys().ingest}` }, data: { events: [ev] } })).status()).toBe(200);
	await expect(page.getByTestId('display-received')).toHaveText(new Intl.NumberFormat('vi-VN').format(before + 1), { timeout: 1500 });
	await expect(page.getByTestId('feed')).toContainText('Đăng ký khai tử', { timeout: 1500 });
	await page.screenshot({ path: 'test-results/display-1080p.png' });
	await page.setViewportSize({ width: 3840, height: 2160 });
	await page.waitForTimeout(300);
	await page.screenshot({ path: 'test-results/display-2160p.png' });
});
