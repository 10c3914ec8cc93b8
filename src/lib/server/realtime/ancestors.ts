/**
 * Unit code → ancestor codes (root … itself), cached: fan-out needs them for
 * every accepted item. Unknown codes are loaded in one query; the whole cache
 * is dropped now and then so a re-parented unit (units import) is picked up.
 */
import type { Database } from '../db/index.ts';
import { ancestorsOf } from '../queries/units.ts';

export class AncestorCache {
	#map = new Map<string, string[]>();
	#loadedAt = Date.now();
	#database: Database;
	#maxAgeMs: number;

	constructor(database: Database, maxAgeMs = 10 * 60_000) {
		this.#database = database;
		this.#maxAgeMs = maxAgeMs;
	}

	/** Ancestors of each code; a code missing from the registry is its own only ancestor. */
	async resolve(codes: Iterable<string>): Promise<Map<string, string[]>> {
		if (Date.now() - this.#loadedAt > this.#maxAgeMs) {
			this.#map.clear();
			this.#loadedAt = Date.now();
		}
		const wanted = [...new Set(codes)];
		const missing = wanted.filter((c) => !this.#map.has(c));
		if (missing.length > 0) {
			for (const [code, ancestors] of await ancestorsOf(this.#database, missing))
				this.#map.set(code, ancestors);
			for (const c of missing) if (!this.#map.has(c)) this.#map.set(c, [c]);
		}
		return new Map(wanted.map((c) => [c, this.#map.get(c)!]));
	}

	/** Remember ancestors learnt elsewhere (a peer's batch carries them). */
	learn(entries: Record<string, string[]>): void {
		for (const [code, ancestors] of Object.entries(entries)) this.#map.set(code, ancestors);
	}
}
