/**
 * Unit code → ancestor codes (root … itself), cached: fan-out needs them for
 * every accepted item. Unknown codes are loaded in one query; the whole cache
 * is dropped now and then so a re-parented unit (units import) is picked up.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';

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
			const rows = await jsonRows<{ code: string; ancestors: string[] }>(
				this.#database,
				sql`select jsonb_build_object('code', code, 'ancestors', to_jsonb(ancestors)) as j from units where code = ${anyOf(missing)}`
			);
			for (const r of rows) this.#map.set(r.code, r.ancestors);
			for (const c of missing) if (!this.#map.has(c)) this.#map.set(c, [c]);
		}
		return new Map(wanted.map((c) => [c, this.#map.get(c)!]));
	}

	/** Remember ancestors learnt elsewhere (a peer's batch carries them). */
	learn(entries: Record<string, string[]>): void {
		for (const [code, ancestors] of Object.entries(entries)) this.#map.set(code, ancestors);
	}
}
