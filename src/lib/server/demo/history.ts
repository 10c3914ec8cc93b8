/**
 * Loads the demo history through the ordinary ingest service (source `demo`,
 * batches of at most 5,000 events), the most recent week first so that the
 * dashboard is useful within seconds, then older weeks back to twelve months
 * ago. The very latest events (the last few hundred) are held back and sent
 * last, so the live feed's first page shows the newest activity, and only
 * they are announced to live listeners (older history is not "live").
 * Re-running a load is harmless: events already stored count as duplicates.
 */
import { notifyAccepted, type App } from '../app.ts';
import { ingest, MAX_EVENTS } from '../ingest/ingest.ts';
import { windowEvents, windows, type HistoryPlan } from './history-plan.ts';
import type { DemoEvent } from './lifecycle.ts';

export const DEMO_SOURCE = 'demo';
const TAIL = 300;

export type LoadResult = {
	dossiers: number;
	events: number;
	accepted: number;
	ms: number;
	stopped: boolean;
};

export type LoadOptions = {
	provinceCode: string;
	log: (line: string) => void;
	/** Checked before every batch: true aborts the load. */
	stopped?: () => boolean;
	batchSize?: number;
};

const vi = new Intl.NumberFormat('vi-VN');
const byTime = (a: DemoEvent, b: DemoEvent) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

export async function ingestDemo(
	app: App,
	provinceCode: string,
	events: DemoEvent[],
	notify: boolean
) {
	const r = await ingest(app.database, { source: DEMO_SOURCE, scopeCode: provinceCode }, events);
	if (r.status !== 200)
		throw new Error(`demo ingest rejected (${r.status}): ${JSON.stringify(r.body).slice(0, 500)}`);
	if (notify && r.items.length > 0) notifyAccepted(app, { items: r.items, dossiers: r.dossiers });
	return r;
}

export async function loadHistory(
	app: App,
	plan: HistoryPlan,
	opts: LoadOptions
): Promise<LoadResult> {
	const t0 = performance.now();
	const size = Math.min(opts.batchSize ?? MAX_EVENTS, MAX_EVENTS);
	const isStopped = opts.stopped ?? (() => false);
	const total = Math.max(1, plan.expected);
	let events = 0;
	let accepted = 0;
	let dossiers = 0;
	let nextStep = 10;
	const result = (stopped: boolean): LoadResult => ({
		dossiers,
		events,
		accepted,
		ms: performance.now() - t0,
		stopped
	});

	const send = async (batch: DemoEvent[], notify = false) => {
		// Embedded PGlite runs in this thread and resolves in microtasks only: without a real
		// turn of the event loop between batches, HTTP requests and timers would wait for the whole load.
		await new Promise((resolve) => setImmediate(resolve));
		const r = await ingestDemo(app, opts.provinceCode, batch, notify);
		events += batch.length;
		accepted += r.body.accepted;
		for (const e of batch) if (e.type === 'dossier.received') dossiers++;
		const pct = Math.min(99, Math.floor((100 * dossiers) / total));
		if (pct >= nextStep) {
			opts.log(`dữ liệu mẫu: ${pct}% (${vi.format(events)} sự kiện)`);
			nextStep = Math.floor(pct / 10) * 10 + 10;
		}
	};

	opts.log(
		`dữ liệu mẫu: nạp lịch sử 12 tháng (khoảng ${vi.format(plan.expected)} hồ sơ), tuần gần nhất trước`
	);
	let buffer: DemoEvent[] = [];
	let tail: DemoEvent[] = [];
	for (const [from, to] of windows(plan)) {
		if (isStopped()) return result(true);
		const w = windowEvents(plan, from, to).events.sort(byTime);
		if (to === plan.lastDay) tail = w.splice(Math.max(0, w.length - TAIL));
		buffer = buffer.length === 0 ? w : buffer.concat(w);
		while (buffer.length >= size) {
			if (isStopped()) return result(true);
			await send(buffer.slice(0, size));
			buffer = buffer.slice(size);
		}
	}
	for (let i = 0; i < buffer.length; i += size) {
		if (isStopped()) return result(true);
		await send(buffer.slice(i, i + size));
	}
	if (tail.length > 0 && !isStopped()) await send(tail, true);
	const r = result(false);
	opts.log(
		`dữ liệu mẫu: 100% (${vi.format(events)} sự kiện, ${vi.format(dossiers)} hồ sơ, ${(r.ms / 1000).toFixed(1).replace('.', ',')} s)`
	);
	return r;
}
