/**
 * The newest feed items this process has fanned out (its own batches and its
 * peers'), with their ancestor codes, so most resumes are answered without a
 * query. `floor` is the ring's promise: every item with seq > floor that
 * reached this process is held here; older ones must come from the database.
 */
import type { FeedItem, RoutedItem } from './types.ts';

export class FeedRing {
	#items: RoutedItem[] = [];
	#size: number;
	#floor: number;

	constructor(size: number, floor: number) {
		this.#size = size;
		this.#floor = floor;
	}

	get floor(): number {
		return this.#floor;
	}

	get length(): number {
		return this.#items.length;
	}

	/** The highest seq held (or the floor when empty). */
	get newest(): number {
		return this.#items.length > 0 ? this.#items[this.#items.length - 1].item.seq : this.#floor;
	}

	/** Whether every item after `since` that reached this process is still held. */
	covers(since: number): boolean {
		return since >= this.#floor;
	}

	add(batch: readonly RoutedItem[]): void {
		for (const r of batch) {
			const seq = r.item.seq;
			if (seq <= this.#floor) continue;
			const items = this.#items;
			if (items.length === 0 || items[items.length - 1].item.seq < seq) {
				items.push(r);
				continue;
			}
			// A peer's batch can arrive after a newer local one: keep seq order, skip repeats.
			const at = this.#firstAfter(seq - 1);
			if (items[at]?.item.seq !== seq) items.splice(at, 0, r);
		}
		const excess = this.#items.length - this.#size;
		if (excess > 0) {
			const evicted = this.#items.splice(0, excess);
			this.#floor = evicted[evicted.length - 1].item.seq;
		}
	}

	/** Whether the item `seq` reached this process (only meaningful above the floor). */
	has(seq: number): boolean {
		return this.#items[this.#firstAfter(seq - 1)]?.item.seq === seq;
	}

	/** Items with seq > since (and ≤ upTo) in the subtree of `code`, oldest first. */
	after(since: number, code: string, upTo = Number.MAX_SAFE_INTEGER): FeedItem[] {
		const out: FeedItem[] = [];
		for (let i = this.#firstAfter(since); i < this.#items.length; i++) {
			const r = this.#items[i];
			if (r.item.seq > upTo) break;
			if (r.ancestors.includes(code)) out.push(r.item);
		}
		return out;
	}

	/** How many items (of any unit) lie in (since, upTo]. */
	countBetween(since: number, upTo: number): number {
		let n = 0;
		for (
			let i = this.#firstAfter(since);
			i < this.#items.length && this.#items[i].item.seq <= upTo;
			i++
		)
			n++;
		return n;
	}

	/** Index of the first item with seq > since. */
	#firstAfter(since: number): number {
		let lo = 0;
		let hi = this.#items.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.#items[mid].item.seq > since) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}
}
