/**
 * Coalesced figures: a ticker (every `intervalMs`, 250 ms by default) takes
 * the units whose subtree had feed items since the last tick and that have
 * subscribers on this process, computes each distinct (period, metric) of
 * their subscribers ONCE and emits `figures` to that figure room. Whatever
 * the event rate, a room gets at most one push per tick (~4 per second); a
 * tick that runs long delays the next one rather than overlapping it.
 */
import type { App } from '../app.ts';
import { computeFigures } from './figures.ts';
import type { Pending } from './pending.ts';
import type { FigureGroup, Subscribers } from './subscribers.ts';
import type { HubStats, LiveServer, LiveSocket, Subscription } from './types.ts';
import { errorFields, logger } from '../log.ts';

export type CoalescerDeps = {
	io: LiveServer;
	app: App;
	subscribers: Subscribers;
	/** The feed seq the figures will include. */
	seq: () => number;
	intervalMs: number;
	stats: HubStats;
	pending: Pending;
};

/** Figure computations running at once (each is a few queries on the shared pool). */
const CONCURRENCY = 4;

export class Coalescer {
	#deps: CoalescerDeps;
	#dirty = new Set<string>();
	#timer: NodeJS.Timeout | null = null;
	#stopped = false;

	constructor(deps: CoalescerDeps) {
		this.#deps = deps;
	}

	/** Units whose subtree moved; only those followed here are remembered. */
	mark(codes: Iterable<string>): void {
		for (const code of codes) if (this.#deps.subscribers.has(code)) this.#dirty.add(code);
	}

	start(): void {
		this.#schedule(this.#deps.intervalMs);
	}

	stop(): void {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	/** Current figures for one socket that just subscribed. */
	initial(socket: LiveSocket, s: Subscription): Promise<void> {
		return this.#deps.pending.track(this.#initial(socket, s));
	}

	async #initial(socket: LiveSocket, s: Subscription): Promise<void> {
		if (this.#stopped) return;
		try {
			const msg = await computeFigures(this.#deps.app, s, this.#deps.seq());
			if (socket.connected && socket.data.subscription === s) {
				socket.emit('figures', msg);
				this.#deps.stats.figuresEmitted++;
			}
		} catch (err) {
			if (!this.#stopped) logger.warn({ err: errorFields(err) }, 'realtime: figures failed');
		}
	}

	#schedule(delay: number): void {
		if (this.#stopped) return;
		this.#timer = setTimeout(() => void this.#deps.pending.track(this.#tick()), delay);
		this.#timer.unref();
	}

	async #tick(): Promise<void> {
		const started = Date.now();
		const groups: FigureGroup[] = [];
		for (const code of this.#dirty) groups.push(...this.#deps.subscribers.groups(code));
		this.#dirty.clear();
		let next = 0;
		const worker = async () => {
			while (next < groups.length && !this.#stopped) await this.#push(groups[next++]);
		};
		await Promise.all(Array.from({ length: Math.min(CONCURRENCY, groups.length) }, worker));
		this.#schedule(Math.max(0, this.#deps.intervalMs - (Date.now() - started)));
	}

	async #push(g: FigureGroup): Promise<void> {
		try {
			const msg = await computeFigures(this.#deps.app, g.spec, this.#deps.seq());
			if (this.#stopped) return;
			this.#deps.io.local.to(g.room).emit('figures', msg);
			this.#deps.stats.figuresEmitted++;
		} catch (err) {
			if (!this.#stopped) logger.warn({ err: errorFields(err) }, 'realtime: figures failed');
		}
	}
}
