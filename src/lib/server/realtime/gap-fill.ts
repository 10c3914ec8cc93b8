/**
 * Peers' batches reach this process through LISTEN/NOTIFY; while the LISTEN
 * connection is down (the database restarting) they are lost on the way. When
 * it is back, the items committed meanwhile are read from the stored feed and
 * the ones this process never delivered go out to its subscribers, so an open
 * dashboard misses nothing without reconnecting. (A client that did
 * reconnect resumes with `since` as always.)
 */
import type { Database } from '../db/index.ts';
import { errorFields, logger } from '../log.ts';
import type { Fanout } from './fanout.ts';
import { feedSinceAll } from '../queries/feed-log.ts';
import type { FeedRing } from './ring.ts';

/** Items read per page, and at most in one recovery (beyond that, clients resume with `since`). */
const PAGE = 5000;
const MAX_ITEMS = 100_000;
/** Peers' items just below the high-water mark may still have been on their way when LISTEN went down. */
const SLACK = 1000;
const RETRY_MS = 1000;

export type GapFillDeps = { database: Database; ring: FeedRing; fanout: Fanout };

export class GapFill {
	#deps: GapFillDeps;
	#mark: number | null = null;
	#closed = false;

	constructor(deps: GapFillDeps) {
		this.#deps = deps;
	}

	/** LISTEN went down: remember how far this process had delivered. */
	lost(): void {
		this.#mark ??= this.#deps.fanout.highWater;
	}

	/** LISTEN is back: deliver what was missed since the mark (retried while the database still refuses). */
	async restored(): Promise<number> {
		for (let attempt = 0; attempt < 10 && !this.#closed; attempt++) {
			const mark = this.#mark;
			if (mark === null) return 0;
			try {
				const n = await this.#fill(mark);
				if (this.#mark === mark) this.#mark = null;
				if (n > 0)
					logger.info(
						{ items: n },
						'realtime: delivered the feed items missed while LISTEN was down'
					);
				return n;
			} catch (err) {
				logger.warn(
					{ err: errorFields(err) },
					'realtime: reading the missed feed items failed; retrying'
				);
				await new Promise((r) => setTimeout(r, RETRY_MS).unref());
			}
		}
		return 0;
	}

	close(): void {
		this.#closed = true;
	}

	async #fill(mark: number): Promise<number> {
		const { database, ring, fanout } = this.#deps;
		// Below the ring's floor it cannot tell what was delivered: start there at the earliest.
		let since = Math.max(ring.floor, mark - SLACK);
		let delivered = 0;
		for (let read = 0; read < MAX_ITEMS && !this.#closed;) {
			const page = await feedSinceAll(database, since, PAGE);
			if (page.length === 0) break;
			delivered += await fanout.missed(page.filter((r) => r.item.seq > ring.floor));
			read += page.length;
			since = page[page.length - 1].item.seq;
			if (page.length < PAGE) break;
		}
		return delivered;
	}
}
