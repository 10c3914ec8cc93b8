/**
 * Coalesced figures: a ticker (every `intervalMs`, 250 ms by default) takes
 * the units whose subtree had feed items since the last tick and that have
 * subscribers on this process, computes each distinct (period, metric) of
 * their subscribers ONCE and emits `figures` to that figure room. Whatever
 * the event rate, a room gets at most one push per tick (~4 per second), and
 * a room too large for the figures' byte budget less often (throttle.ts); a
 * tick that runs long delays the next one rather than overlapping it.
 */
import type { App } from '../app.ts';
import { computeFigures } from './figures.ts';
import type { Pending } from './pending.ts';
import { nextPushAfter, type FiguresBudget } from './throttle.ts';
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
	/** Bytes per second of figures one room may cost; the longest interval. */
	budget: Omit<FiguresBudget, 'intervalMs'>;
	stats: HubStats;
	pending: Pending;
};

/** Figure computations running at once (each is a few queries on the shared pool). */
const CONCURRENCY = 4;

export class Coalescer {
	#deps: CoalescerDeps;
	#dirty = new Set<string>();
	/** Rooms pushed lately → when the next push may go out (epoch ms). */
	#nextAt = new Map<string, number>();
	/** Rooms that moved while throttled: pushed once their time comes. */
	#deferred = new Map<string, FigureGroup>();
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
		const due = new Map<string, FigureGroup>();
		for (const code of this.#dirty)
			for (const g of this.#deps.subscribers.groups(code)) due.set(g.room, g);
		this.#dirty.clear();
		for (const [room, g] of this.#deferred) if (!due.has(room)) due.set(room, g);
		this.#deferred.clear();
		const groups: FigureGroup[] = [];
		for (const [room, g] of due) {
			if ((this.#nextAt.get(room) ?? 0) > started) this.#deferred.set(room, g);
			else groups.push(g);
		}
		for (const [room, at] of this.#nextAt)
			if (at <= started && !this.#deferred.has(room)) this.#nextAt.delete(room);
		let next = 0;
		const worker = async () => {
			while (next < groups.length && !this.#stopped) await this.#push(groups[next++], started);
		};
		await Promise.all(Array.from({ length: Math.min(CONCURRENCY, groups.length) }, worker));
		this.#schedule(Math.max(0, this.#deps.intervalMs - (Date.now() - started)));
	}

	async #push(g: FigureGroup, tickStarted: number): Promise<void> {
		try {
			const msg = await computeFigures(this.#deps.app, g.spec, this.#deps.seq());
			if (this.#stopped) return;
			const { io, intervalMs, budget } = this.#deps;
			const sockets = io.of('/').adapter.rooms.get(g.room)?.size ?? 0;
			if (sockets === 0) return; // everyone left meanwhile
			io.local.to(g.room).emit('figures', msg);
			this.#deps.stats.figuresEmitted++;
			// Throttled only beyond the tick: a small room is simply pushed on the next tick that finds it moved.
			const wait = nextPushAfter(JSON.stringify(msg).length, sockets, { intervalMs, ...budget });
			if (wait > intervalMs) this.#nextAt.set(g.room, tickStarted + wait);
			else this.#nextAt.delete(g.room);
		} catch (err) {
			if (!this.#stopped) logger.warn({ err: errorFields(err) }, 'realtime: figures failed');
		}
	}
}
