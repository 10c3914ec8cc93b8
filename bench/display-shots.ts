/**
 * Screenshots of the wall display (not a test): every panel at 1920×1080 and
 * 3840×2160, on the bench province with a week of generated activity.
 *
 *   flock /tmp/mcl-e2e.lock node bench/display-shots.ts   (BENCH_PORT=4204, SHOTS_DIR=/tmp/shots/display-helper)
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { EventStream, postEvents, PROVINCE, startBenchServer } from './display-server.ts';

const port = Number(process.env.BENCH_PORT ?? 4204);
const out = process.env.SHOTS_DIR ?? '/tmp/shots/display-helper';
mkdirSync(out, { recursive: true });
const server = await startBenchServer(port);
try {
	const stream = new EventStream('shot');
	const now = Date.now();
	const events: Record<string, unknown>[] = [];
	for (let h = 8 * 24; h >= 1; h--) {
		const local = new Date(now - h * 3600_000 + 7 * 3600_000).getUTCHours();
		events.push(...stream.hour(now - h * 3600_000, local >= 7 && local < 17 ? 60 : 4));
	}
	await postEvents(server, events);
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu']
	});
	for (const [w, h] of [
		[1920, 1080],
		[3840, 2160]
	]) {
		const page = await browser.newPage({ viewport: { width: w, height: h } });
		await page.goto(`${server.base}/display/${PROVINCE}?key=${server.keys.display}&rotate=5`);
		await page.getByTestId('wall-map').waitFor();
		for (const panel of ['map', 'ranking', 'trends', 'overdue']) {
			await page.waitForSelector(`[data-panel="${panel}"]`, { timeout: 30_000 });
			await page.waitForTimeout(1600);
			if (panel === 'map') {
				await postEvents(server, stream.hour(Date.now() - 30_000, 3, 20_000));
				await page.waitForTimeout(500);
			}
			const scroll = await page.evaluate(() => [
				document.documentElement.scrollWidth - innerWidth,
				document.documentElement.scrollHeight - innerHeight
			]);
			await page.screenshot({ path: `${out}/wall-${panel}-${w}x${h}.png` });
			console.log(`${w}x${h} ${panel}: overflow ${scroll.join(',')}`);
		}
		await page.close();
	}
	await browser.close();
} finally {
	await server.stop();
}
