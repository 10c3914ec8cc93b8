/**
 * Everyday use on phones and tablets: every signed-in page fits 390 px and 768 px without scrolling the page
 * sideways (a wide table scrolls inside its own box), the navigation folds into a menu button, KPI tiles sit
 * two abreast, and the overdue watch becomes cards. Screenshots in test-results/shots/ are looked at.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { keys, localNow, login } from './helpers.ts';

const SHOTS = 'test-results/shots';
mkdirSync(SHOTS, { recursive: true });
const PAGES = [
	'/units/38',
	'/overdue?unit=38',
	'/overdue?unit=38&tab=anomalies',
	'/reports?unit=38',
	'/dossiers/PHONE-1',
	'/account',
	'/admin/users',
	'/admin/keys',
	'/admin/units',
	'/admin/calendar',
	'/admin/audit',
	'/admin/notes'
];

for (const [w, h] of [
	[390, 844],
	[768, 1024]
] as const) {
	test(`every signed-in page fits ${w}×${h} without sideways scrolling`, async ({
		browser,
		request
	}) => {
		test.setTimeout(120_000);
		const events = [
			{
				id: 'phone-1-r',
				type: 'dossier.received',
				at: localNow(60 * 24 * 5).iso,
				unit: '38001',
				dossier: 'PHONE-1',
				procedure: 'KS',
				procedureName: 'Đăng ký khai sinh cho trẻ em có yếu tố nước ngoài',
				field: 'HT',
				fieldName: 'Hộ tịch',
				channel: 'online',
				dueAt: localNow(60 * 24).iso
			}
		];
		expect(
			(
				await request.post('/api/v1/events', {
					headers: { authorization: `Bearer ${keys().ingest}` },
					data: { events }
				})
			).status()
		).toBe(200);
		const context = await browser.newContext({
			viewport: { width: w, height: h },
			isMobile: w < 500,
			hasTouch: true
		});
		const page = await context.newPage();
		await login(page, '/units/38');
		await expect(page).toHaveURL(/\/units\/38/);
		for (const path of PAGES) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			const [scroll, inner] = await page.evaluate(() => [
				document.documentElement.scrollWidth,
				window.innerWidth
			]);
			expect(scroll, `${path} at ${w} px`).toBeLessThanOrEqual(inner);
			await page.screenshot({
				path: `${SHOTS}/phone-${w}-${path.replace(/[^a-z0-9]+/gi, '_')}.png`,
				fullPage: true
			});
		}
		await context.close();
	});
}

test('at 390 px: a menu button folds the navigation, tiles two abreast, the watch as cards with 44 px targets', async ({
	browser
}) => {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	await login(page, '/units/38');
	const menu = page.getByTestId('menu');
	await expect(menu).toBeVisible();
	const overview = page.locator('#sections').getByRole('link', { name: 'Theo dõi quá hạn' });
	await expect(overview).toBeHidden();
	await menu.click();
	await expect(overview).toBeVisible();
	expect((await overview.boundingBox())!.height).toBeGreaterThanOrEqual(44);
	const tiles = page.locator('section.kpis > *');
	const [a, b, c] = await Promise.all(
		[0, 1, 2].map(async (i) => (await tiles.nth(i).boundingBox())!)
	);
	expect(Math.abs(a.y - b.y)).toBeLessThan(2);
	expect(c.y).toBeGreaterThan(a.y + 10);
	await overview.click();
	await expect(page).toHaveURL(/\/overdue/);
	await expect(page.locator('#sections')).toBeHidden();
	const row = page.getByTestId('watch-table').locator('tbody tr').first();
	await expect(row).toBeVisible();
	expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe('block');
	await context.close();
});
