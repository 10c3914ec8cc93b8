/**
 * The wall display reloads itself, unattended: after a new version of the app
 * is deployed (SvelteKit's version poll sees a new version.json) and once a
 * day at the quiet hour (03:00 Asia/Ho_Chi_Minh) — and not before it. The
 * page's clock is Playwright's fake clock, so hours pass in an instant; the
 * server and the socket run in real time.
 */
import { expect, test, type Page } from '@playwright/test';
import { keys } from './helpers.ts';

async function openWall(page: Page) {
	await page.goto(`/display/38?key=${keys().display}`);
	await expect(page.getByTestId('wall')).toHaveAttribute('data-live', 'yes');
}

/** Resolves with true when the page loads again within `ms`. */
function reloadWithin(page: Page, ms: number): Promise<boolean> {
	return page
		.waitForEvent('load', { timeout: ms })
		.then(() => true)
		.catch(() => false);
}

test('a new deployed version makes the wall reload itself', async ({ page }) => {
	await page.clock.install();
	await openWall(page);
	// Same version: the poll finds nothing new, the wall stays.
	const quiet = reloadWithin(page, 1500);
	await page.clock.fastForward(61_000);
	expect(await quiet).toBe(false);

	await page.route('**/_app/version.json', (route) =>
		route.fulfill({ json: { version: 'deployed-after-the-wall-loaded' } })
	);
	const reloaded = reloadWithin(page, 10_000);
	await page.clock.fastForward(61_000);
	expect(await reloaded).toBe(true);
	await expect(page.getByTestId('wall')).toHaveAttribute('data-live', 'yes');
});

test('the wall reloads once a day at 03:00, not before', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-12-01T23:58:00+07:00') });
	await openWall(page);
	const early = reloadWithin(page, 1500);
	await page.clock.fastForward('02:50:00'); // 02:48 the next morning
	expect(await early).toBe(false);

	const reloaded = reloadWithin(page, 10_000);
	await page.clock.fastForward('15:00'); // 03:03
	expect(await reloaded).toBe(true);
	await expect(page.getByTestId('wall')).toHaveAttribute('data-live', 'yes');
	// The reloaded page starts a new day: no second reload in the same night.
	const again = reloadWithin(page, 1500);
	await page.clock.fastForward('30:00');
	expect(await again).toBe(false);
});
