/**
 * The wall display's state in the browser: starts from the server's first
 * paint, follows the live socket, and refreshes itself through
 * `/display/CODE/state` (a small `live` part after every burst of events, the
 * whole `panels` part on `resync`, after a reconnect and every minute). Every
 * list is replaced, never appended to, so memory stays flat for weeks; failed
 * refreshes keep the data on screen and retry with backoff. `stop()` clears
 * every timer and listener.
 */
import { LiveConnection, type FeedItem, type FiguresMessage } from '$lib/client/live.svelte.ts';
import type { DisplayLive, DisplayPanels } from '$lib/types/views.ts';

export type WallData = DisplayPanels & {
	unit: { code: string; name: string };
	childOf: Record<string, string>;
	key: string;
};
export type FlashKind = 'in' | 'out';

/** Disconnected this long before the banner shows (a reconnect usually takes less). */
const OFFLINE_GRACE_MS = 3000;
/** Bursts of events are gathered for this long into one refresh. */
const PULL_DELAY_MS = 150;
const PANELS_EVERY_MS = 60_000;
const FLASH_TYPES: Record<string, FlashKind> = {
	'dossier.received': 'in',
	'dossier.resolved': 'out',
	'dossier.returned': 'out'
};

type Part = 'live' | 'panels';

export class Wall {
	today = $state.raw<DisplayPanels['todaySummary']>(null!);
	rankings = $state.raw<DisplayPanels['rankings']>([]);
	series = $state.raw<DisplayPanels['series']>([]);
	week = $state.raw<DisplayPanels['week']>(null!);
	day = $state('');
	overdue = $state.raw<DisplayPanels['overdue']>(null!);
	feed = $state.raw<DisplayPanels['feed']>([]);
	score = $state.raw<DisplayPanels['score']>(null!);
	silent = $state.raw<DisplayPanels['silent']>(null!);
	updatedAt = $state(new Date());
	/** The socket's subscription is live. */
	connected = $state(false);
	/** Disconnected for longer than the grace period: show the banner and grey the data. */
	offline = $state(false);
	/** Connected, but the server cannot reach its database: the same banner, saying so. */
	databaseDown = $state(false);
	onFlash: ((code: string, kind: FlashKind) => void) | null = null;

	#data: WallData;
	#live: LiveConnection | null = null;
	#want: Part | null = null;
	#pulling = false;
	#failures = 0;
	#pullTimer: ReturnType<typeof setTimeout> | null = null;
	#graceTimer: ReturnType<typeof setTimeout> | null = null;
	#panelsTimer: ReturnType<typeof setInterval> | null = null;
	#everConnected = false;
	#stopped = false;
	/** The refresh in flight, aborted by `stop()` (one controller per request: nothing accumulates on a long-lived signal). */
	#inflight: AbortController | null = null;

	constructor(data: WallData) {
		this.#data = data;
		this.#applyPanels(data);
		this.updatedAt = new Date(data.generatedAt);
	}

	#applyLive(b: DisplayLive): void {
		this.day = b.today;
		this.today = b.todaySummary;
		this.feed = b.feed;
	}

	#applyPanels(b: DisplayPanels): void {
		this.#applyLive(b);
		this.rankings = b.rankings;
		this.series = b.series;
		this.week = b.week;
		this.overdue = b.overdue;
		this.score = b.score;
		this.silent = b.silent;
	}

	start(): void {
		const d = this.#data;
		this.#live = new LiveConnection({
			unit: d.unit.code,
			since: d.seq,
			period: d.month,
			metric: 'onTime',
			token: d.key,
			reconnectionDelayMax: 10_000,
			onFeed: (items) => this.#onFeed(items),
			onFigures: (msg) => this.#onFigures(msg),
			onResync: () => this.request('panels'),
			onStatus: (up) => this.#onStatus(up),
			onDatabase: (up) => {
				this.databaseDown = !up;
				// Back: what was written meanwhile (by other processes, or queued senders) is on its way.
				if (up) this.request('panels');
			}
		});
		this.#live.start();
		this.#panelsTimer = setInterval(() => this.request('panels'), PANELS_EVERY_MS);
		// Before the first connection the data is as fresh as the page: no banner unless it never connects.
		this.#graceTimer = setTimeout(() => (this.offline = !this.connected), OFFLINE_GRACE_MS * 2);
	}

	stop(): void {
		this.#stopped = true;
		this.#live?.stop();
		this.#live = null;
		this.#inflight?.abort();
		for (const t of [this.#pullTimer, this.#graceTimer]) if (t) clearTimeout(t);
		if (this.#panelsTimer) clearInterval(this.#panelsTimer);
		this.#pullTimer = this.#graceTimer = this.#panelsTimer = null;
		this.onFlash = null;
	}

	#onStatus(up: boolean): void {
		this.connected = up;
		if (this.#graceTimer) clearTimeout(this.#graceTimer);
		this.#graceTimer = null;
		if (up) {
			this.offline = false;
			// Back after a cut: the trends and the overdue picture moved meanwhile.
			if (this.#everConnected) this.request('panels');
			this.#everConnected = true;
		} else {
			this.#graceTimer = setTimeout(() => (this.offline = !this.connected), OFFLINE_GRACE_MS);
		}
	}

	#onFeed(items: FeedItem[]): void {
		const seen = new Set<string>();
		for (const item of items) {
			const kind = FLASH_TYPES[item.type];
			const child = this.#data.childOf[item.unit];
			if (!kind || !child || seen.has(child + kind)) continue;
			seen.add(child + kind);
			this.onFlash?.(child, kind);
		}
		this.request('live');
	}

	#onFigures(msg: FiguresMessage): void {
		const m = this.#data.month;
		if (
			msg.unit !== this.#data.unit.code ||
			msg.from !== m.from ||
			msg.to !== m.to ||
			msg.metric !== 'onTime'
		)
			return;
		this.rankings = msg.rankings;
		if (msg.scoreboard) this.score = { ...this.score, board: msg.scoreboard };
		this.updatedAt = new Date();
	}

	/** Ask for a refresh; bursts coalesce, and a `panels` request covers a `live` one. */
	request(part: Part): void {
		if (this.#stopped) return;
		this.#want = this.#want === 'panels' || part === 'panels' ? 'panels' : 'live';
		if (this.#pulling || this.#pullTimer) return;
		this.#pullTimer = setTimeout(() => void this.#pull(), PULL_DELAY_MS);
	}

	async #pull(): Promise<void> {
		this.#pullTimer = null;
		const part = this.#want;
		if (!part || this.#stopped) return;
		this.#want = null;
		this.#pulling = true;
		let retryIn = 0;
		const abort = (this.#inflight = new AbortController());
		try {
			const r = await fetch(
				`/display/${encodeURIComponent(this.#data.unit.code)}/state?part=${part}`,
				{
					headers: { authorization: `Bearer ${this.#data.key}` },
					cache: 'no-store',
					signal: abort.signal
				}
			);
			if (!r.ok) throw new Error(`HTTP ${r.status}`);
			const body = await r.json();
			if (this.#stopped) return;
			if (part === 'panels') this.#applyPanels(body as DisplayPanels);
			else this.#applyLive(body as DisplayLive);
			this.updatedAt = new Date();
			this.#failures = 0;
		} catch {
			if (this.#stopped) return;
			// Keep what is on screen; try again later (1 s, 2 s, 4 s … up to 30 s).
			this.#want = this.#want === 'panels' || part === 'panels' ? 'panels' : 'live';
			retryIn = Math.min(30_000, 1000 * 2 ** this.#failures++);
		} finally {
			this.#pulling = false;
			this.#inflight = null;
			// Every fetch leaves a resource-timing entry (up to 250 are kept): nobody reads them on a wall.
			performance.clearResourceTimings();
		}
		if (this.#want && !this.#pullTimer && !this.#stopped)
			this.#pullTimer = setTimeout(() => void this.#pull(), retryIn || PULL_DELAY_MS);
	}
}
