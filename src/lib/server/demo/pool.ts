/** A bag of items by code: O(1) add, remove and random pick (swap-remove), oldest dropped beyond a cap. */
import type { Rng } from './rng.ts';

export class Pool<T extends { code: string }> {
	private items: T[] = [];
	private index = new Map<string, number>();
	private readonly cap: number;

	constructor(cap: number) {
		this.cap = cap;
	}

	get size(): number {
		return this.items.length;
	}

	has(code: string): boolean {
		return this.index.has(code);
	}

	add(item: T): void {
		if (this.index.has(item.code)) return;
		if (this.items.length >= this.cap) this.remove(this.items[0].code);
		this.index.set(item.code, this.items.length);
		this.items.push(item);
	}

	remove(code: string): T | undefined {
		const i = this.index.get(code);
		if (i === undefined) return undefined;
		const item = this.items[i];
		const last = this.items.pop()!;
		this.index.delete(code);
		if (last !== item) {
			this.items[i] = last;
			this.index.set(last.code, i);
		}
		return item;
	}

	/** Up to k random items (possibly repeated), without removing them. */
	sample(rng: Rng, k: number): T[] {
		if (this.items.length === 0) return [];
		return Array.from({ length: k }, () => this.items[Math.floor(rng.next() * this.items.length)]);
	}

	/** A random item, removed. */
	take(rng: Rng): T | undefined {
		const [item] = this.sample(rng, 1);
		return item ? this.remove(item.code) : undefined;
	}
}
