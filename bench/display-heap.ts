/**
 * Wall display memory (a benchmark, not a test): prints figures.
 *
 *   flock /tmp/mcl-e2e.lock node bench/display-heap.ts   (BENCH_PORT=4204, BENCH_PER_HOUR=1000, BENCH_BATCH=100)
 *
 * A built server on its own port and a temp DATA_DIR with the 100-commune
 * bench province (bench/display-server.ts). One Chromium page shows
 * /display/99 (panels rotating every 5 s) while 24 simulated hours of events
 * are replayed fast through the ingest API (batches of BENCH_BATCH, as fast
 * as the server takes them). After the first simulated hour and after the
 * 24th, the page is left to settle, garbage is collected twice (CDP
 * HeapProfiler.collectGarbage) and the JS heap (Runtime.getHeapUsage) and DOM
 * counters (nodes, JS event listeners) are read. Budget: the heap after 24
 * hours within 10 % of the heap after the first.
 */
import { chromium, type CDPSession } from '@playwright/test';
import { EventStream, postEvents, PROVINCE, startBenchServer } from './display-server.ts';

const port = Number(process.env.BENCH_PORT ?? 4204);
const perHour = Number(process.env.BENCH_PER_HOUR ?? 1000);
const batch = Number(process.env.BENCH_BATCH ?? 100);
const BUDGET = 0.1;

type Sample = { heap: number; nodes: number; listeners: number; feedRows: number };

async function sample(cdp: CDPSession, page: import('@playwright/test').Page): Promise<Sample> {
	await page.waitForTimeout(3000); // let the last refreshes and transitions finish
	for (let i = 0; i < 3; i++) {
		await cdp.send('HeapProfiler.collectGarbage');
		await page.waitForTimeout(200);
	}
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	const dom = await cdp.send('Memory.getDOMCounters');
	const feedRows = await page.locator('[data-testid="feed"] li').count();
	return { heap: usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners, feedRows };
}

const server = await startBenchServer(port);
try {
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info']
	});
	const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('HeapProfiler.enable');
	let reloads = 0;
	page.on('framenavigated', (f) => f === page.mainFrame() && reloads++);
	await page.goto(`${server.base}/display/${PROVINCE}?key=${server.keys.display}&rotate=5`);
	await page.getByTestId('wall-map').waitFor();
	reloads = 0;

	const stream = new EventStream('heap');
	const start = Date.now() - 24 * 3600_000;
	const samples: Sample[] = [];
	let posted = 0;
	const t0 = performance.now();
	for (let h = 0; h < 24; h++) {
		const events = stream.hour(start + h * 3600_000, perHour);
		for (let i = 0; i < events.length; i += batch) {
			await postEvents(server, events.slice(i, i + batch));
			posted += Math.min(batch, events.length - i);
		}
		if (h === 0) samples.push(await sample(cdp, page));
		if (h === 5 || h === 11) {
			const m = await sample(cdp, page);
			process.stdout.write(
				`\n  after hour ${h + 1}: heap ${(m.heap / 1048576).toFixed(2)} MB, DOM nodes ${m.nodes}, JS listeners ${m.listeners}\n`
			);
		}
		process.stdout.write(`\rsimulated hour ${h + 1}/24, ${posted} events`);
	}
	const seconds = (performance.now() - t0) / 1000;
	samples.push(await sample(cdp, page));
	const received = await page.getByTestId('display-received').textContent();
	await browser.close();

	const [a, b] = samples;
	const mb = (x: number) => (x / 1048576).toFixed(2);
	const growth = (b.heap - a.heap) / a.heap;
	console.log(
		`\n\n${posted} events in ${seconds.toFixed(0)} s (${(posted / seconds).toFixed(0)}/s), page reloads during the replay: ${reloads}, received today on screen: ${received}`
	);
	console.log(
		`after hour 1:  heap ${mb(a.heap)} MB, DOM nodes ${a.nodes}, JS listeners ${a.listeners}, feed rows ${a.feedRows}`
	);
	console.log(
		`after hour 24: heap ${mb(b.heap)} MB, DOM nodes ${b.nodes}, JS listeners ${b.listeners}, feed rows ${b.feedRows}`
	);
	console.log(
		`heap growth: ${(growth * 100).toFixed(1)} % (budget ±${BUDGET * 100} %) — ${Math.abs(growth) <= BUDGET ? 'OK' : 'OVER BUDGET'}`
	);
} finally {
	await server.stop();
}
