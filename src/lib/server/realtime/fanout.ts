/**
 * Feed fan-out. Every batch — committed here (`local`) or on a peer process
 * (`remote`, an inter-server event through the Postgres adapter) — goes
 * through ONE serial queue per process: ring, then `feed` to the room of the
 * item's unit and of each ancestor on this process, then the coalescer is
 * told which rooms moved. The queue keeps batches in commit order and lets a
 * resume slot in between two batches (`exclusive`), so a subscriber never gets
 * a live item before the backlog that precedes it.
 */
import { errorFields, logger } from '../log.ts';
import { metrics } from '../metrics.ts';
import type { AncestorCache } from './ancestors.ts';
import type { FeedRing } from './ring.ts';
import {
	PEER_FEED,
	unitRoom,
	type FeedItem,
	type LiveServer,
	type PeerBatch,
	type RoutedItem
} from './types.ts';

export type FanoutDeps = {
	io: LiveServer;
	ring: FeedRing;
	ancestors: AncestorCache;
	/** Pass batches to peer processes (only with a cluster adapter). */
	peers: boolean;
	chunkSize: number;
	/** Units whose subtree had new items (each item's unit and its ancestors). */
	moved: (codes: Set<string>) => void;
};

/** Exactly the fields of docs/api.md#live, `at` as UTC ISO like stored history gives it, whatever the producer (ingest, overdue ticker) sent. */
function feedItem(i: FeedItem): FeedItem {
	const at = i.at.endsWith('Z') ? i.at : new Date(i.at).toISOString();
	return {
		seq: Number(i.seq),
		id: i.id ?? null,
		type: i.type,
		unit: i.unit,
		dossier: i.dossier ?? null,
		at
	};
}

export class Fanout {
	#deps: FanoutDeps;
	#queue: Promise<unknown> = Promise.resolve();
	#highWater: number;

	constructor(deps: FanoutDeps, highWater: number) {
		this.#deps = deps;
		this.#highWater = highWater;
	}

	/** The highest seq fanned out on this process (or the feed's top when the hub started). */
	get highWater(): number {
		return this.#highWater;
	}

	/** A batch committed by this process (items sorted by seq), at `committedAt` (epoch ms). */
	local(batch: readonly FeedItem[], committedAt = Date.now()): void {
		if (batch.length === 0) return;
		const items = batch.map(feedItem);
		void this.exclusive(async () => {
			const ancestors = await this.#deps.ancestors.resolve(items.map((i) => i.unit));
			const now = Date.now();
			const routed = items.map((item) => ({
				item,
				ancestors: ancestors.get(item.unit)!,
				loggedAt: now
			}));
			this.#deliver(routed);
			metrics.fanoutSeconds.observe(
				{ origin: 'local' },
				Math.max(0, Date.now() - committedAt) / 1000
			);
			// Peers are known through the adapter's heartbeats; alone, skip the NOTIFY (and its attachment row).
			const { io, peers } = this.#deps;
			if (peers && (await io.of('/').adapter.serverCount()) > 1) {
				io.serverSideEmit(PEER_FEED, {
					items,
					ancestors: Object.fromEntries(ancestors),
					committedAt
				});
			}
		}).catch((err) => logger.error({ err: errorFields(err) }, 'realtime: fan-out failed'));
	}

	/** A batch committed by a peer process. */
	remote(batch: PeerBatch): void {
		if (!Array.isArray(batch?.items) || batch.items.length === 0) return;
		void this.exclusive(() => {
			this.#deps.ancestors.learn(batch.ancestors ?? {});
			const now = Date.now();
			this.#deliver(
				batch.items.map((item) => ({
					item,
					ancestors: batch.ancestors?.[item.unit] ?? [item.unit],
					loggedAt: now
				}))
			);
			if (typeof batch.committedAt === 'number')
				metrics.fanoutSeconds.observe(
					{ origin: 'peer' },
					Math.max(0, Date.now() - batch.committedAt) / 1000
				);
		}).catch((err) =>
			logger.error({ err: errorFields(err) }, 'realtime: fan-out of a peer batch failed')
		);
	}

	/**
	 * Items read back from the stored feed (with their ancestors) that never
	 * reached this process — its peers' batches while LISTEN was down: the ones
	 * the ring does not hold yet are delivered, in seq order.
	 */
	missed(items: readonly RoutedItem[]): Promise<number> {
		return this.exclusive(() => {
			const fresh = items.filter((r) => !this.#deps.ring.has(r.item.seq));
			if (fresh.length > 0) this.#deliver(fresh);
			return fresh.length;
		});
	}

	/** Run `fn` after every batch handed over so far is delivered, and before any later one. */
	exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
		const run = this.#queue.then(fn);
		this.#queue = run.catch(() => {});
		return run;
	}

	#deliver(routed: RoutedItem[]): void {
		const { io, ring, chunkSize, moved } = this.#deps;
		ring.add(routed);
		const rooms = io.of('/').adapter.rooms;
		const byRoom = new Map<string, FeedItem[]>();
		const codes = new Set<string>();
		for (const r of routed) {
			for (const code of r.ancestors) {
				codes.add(code);
				const room = unitRoom(code);
				if (!rooms.has(room)) continue; // nobody here follows this unit
				let list = byRoom.get(room);
				if (!list) byRoom.set(room, (list = []));
				list.push(r.item);
			}
			if (r.item.seq > this.#highWater) this.#highWater = r.item.seq;
		}
		for (const [room, list] of byRoom) {
			for (let i = 0; i < list.length; i += chunkSize)
				io.local.to(room).emit('feed', list.slice(i, i + chunkSize));
		}
		moved(codes);
	}
}
