/**
 * Wall display budgets (a benchmark, not a test): prints figures.
 *
 *   flock /tmp/mcl-e2e.lock node bench/display-budget.ts   (BENCH_PORT=4204, BENCH_RUNS=5)
 *
 * A built server on its own port and a temp DATA_DIR with the 100-commune
 * bench province and 8 days of generated activity (bench/display-server.ts).
 * For each run a fresh Chromium context (cold cache) opens /display/99 at
 * 1920×1080 and records:
 *   - every JavaScript response, gzipped here (level 9, as a server or proxy
 *     would send it) and summed — budget ≤ 200 KB;
 *   - first contentful paint, and the moment the counters are on screen with
 *     their figures (server-rendered, so they are the meaningful paint), and
 *     when the page is hydrated and live (the socket subscribed) — budget
 *     first meaningful paint ≤ 1 s.
 */
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { EventStream, postEvents, PROVINCE, startBenchServer } from './display-server.ts';

const port = Number(process.env.BENCH_PORT ?? 4204);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_KB = 200;
const PAINT_BUDGET_MS = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startBenchServer(port);
try {
	const stream = new EventStream('budget');
	const now = Date.now();
	const events: Record<string, unknown>[] = [];
	for (let h = 8 * 24; h >= 1; h--) events.push(...stream.hour(now - h * 3600_000, 40));
	await postEvents(server, events);

	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu']
	});
	const url = `${server.base}/display/${PROVINCE}?key=${server.keys.display}`;
	const rows: {
		js: number;
		jsGz: number;
		files: number;
		fcp: number;
		counters: number;
		hydrated: number;
		ttfb: number;
		html: number;
	}[] = [];
	for (let i = 0; i < runs + 1; i++) {
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const page = await context.newPage();
		const bodies: Promise<Buffer | null>[] = [];
		page.on('response', (r) => {
			const type = r.headers()['content-type'] ?? '';
			if (/javascript/.test(type) || /\.m?js(\?|$)/.test(r.url()))
				bodies.push(r.body().catch(() => null));
		});
		await page.goto(url, { waitUntil: 'load' });
		await page.waitForFunction(
			() => (window as unknown as { __wallLoadedAt?: number }).__wallLoadedAt !== undefined
		);
		await page.waitForLoadState('networkidle');
		const t = await page.evaluate(() => {
			const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
			// The counters are server-rendered: they are painted with the first contentful paint if they are in the first HTML.
			const counters = document
				.querySelector('[data-testid="display-received"]')
				?.textContent?.trim()
				? fcp
				: NaN;
			const hydrated =
				(window as unknown as { __wallLoadedAt: number }).__wallLoadedAt - performance.timeOrigin;
			const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
			return { fcp, counters, hydrated, ttfb: nav.responseStart, html: nav.responseEnd };
		});
		const files = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
		const js = files.reduce((a, b) => a + b.length, 0);
		const jsGz = files.reduce((a, b) => a + gzipSync(b, { level: 9 }).length, 0);
		if (i > 0) rows.push({ js, jsGz, files: files.length, ...t }); // the first run warms the server
		await context.close();
	}
	// The same first paint with JavaScript off: how much of it the scripts delay.
	const noJs: number[] = [];
	for (let i = 0; i < runs; i++) {
		const context = await browser.newContext({
			viewport: { width: 1920, height: 1080 },
			javaScriptEnabled: false
		});
		const page = await context.newPage();
		await page.goto(url, { waitUntil: 'load' });
		await page.waitForTimeout(300);
		const cdp = await context.newCDPSession(page);
		const { result } = await cdp.send('Runtime.evaluate', {
			expression: "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1",
			returnByValue: true
		});
		noJs.push(Number(result.value));
		await context.close();
	}
	await browser.close();

	const kb = (b: number) => (b / 1024).toFixed(1);
	for (const [i, r] of rows.entries())
		console.log(
			`run ${i + 1}: ${r.files} JS files, ${kb(r.js)} KB raw, ${kb(r.jsGz)} KB gzip; server answer ${r.ttfb.toFixed(0)} ms, HTML done ${r.html.toFixed(0)} ms, FCP ${r.fcp.toFixed(0)} ms, counters ${r.counters.toFixed(0)} ms, hydrated ${r.hydrated.toFixed(0)} ms`
		);
	const gz = median(rows.map((r) => r.jsGz));
	const fcp = median(rows.map((r) => r.fcp));
	const counters = median(rows.map((r) => r.counters));
	const hydrated = median(rows.map((r) => r.hydrated));
	console.log(`first contentful paint with JavaScript off: ${median(noJs).toFixed(0)} ms`);
	console.log(
		`\nJS for /display: ${kb(gz)} KB gzip (budget ${BUDGET_KB} KB) — ${gz / 1024 <= BUDGET_KB ? 'OK' : 'OVER BUDGET'}`
	);
	console.log(
		`first meaningful paint (counters filled): ${counters.toFixed(0)} ms (FCP ${fcp.toFixed(0)} ms; hydrated and live ${hydrated.toFixed(0)} ms) (budget ${PAINT_BUDGET_MS} ms) — ${counters <= PAINT_BUDGET_MS ? 'OK' : 'OVER BUDGET'}`
	);
} finally {
	await server.stop();
}
