/** batches(): how the seed fixtures are fed to the ingest API by an unreliable sender. */
import { describe, expect, it } from 'vitest';
import { batches, createRng, phuSonQ3_2022, thanhLoa2023 } from '../fixtures/seeds.ts';

describe('batches()', () => {
	const events = phuSonQ3_2022(1).events;

	it('shuffles, duplicates into other batches, respects batchSize, loses nothing', () => {
		const out = batches(events, createRng(42), { duplicateRate: 0.1, batchSize: 100 });
		const original = new Map(events.map((e) => [e.id, e]));
		const seen = new Map<string, number>();
		for (const b of out) {
			expect(b.length).toBeGreaterThan(0);
			expect(b.length).toBeLessThanOrEqual(100);
			expect(new Set(b.map((e) => e.id)).size, 'no id twice in one batch').toBe(b.length);
			for (const e of b) {
				expect(e, 'a duplicate is the same event').toEqual(original.get(e.id));
				seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
			}
		}
		expect(seen.size).toBe(events.length);
		expect([...seen.values()].every((n) => n <= 2)).toBe(true);
		const extra = out.flat().length - events.length;
		expect(extra).toBeGreaterThan(events.length * 0.05);
		expect(extra).toBeLessThan(events.length * 0.15);
		expect(
			out
				.flat()
				.slice(0, 50)
				.map((e) => e.id)
		).not.toEqual(events.slice(0, 50).map((e) => e.id));
		// Dropping duplicates by id gives back exactly the original events.
		const dedup = [...new Map(out.flat().map((e) => [e.id, e])).values()];
		expect(dedup.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
			[...events].sort((a, b) => a.id.localeCompare(b.id))
		);
	});

	it('is deterministic for the same rng seed and does not mutate its input', () => {
		const before = JSON.stringify(events);
		const a = batches(events, createRng(9), { duplicateRate: 0.2, batchSize: 250 });
		expect(batches(events, createRng(9), { duplicateRate: 0.2, batchSize: 250 })).toEqual(a);
		expect(batches(events, createRng(10), { duplicateRate: 0.2, batchSize: 250 })).not.toEqual(a);
		expect(JSON.stringify(events)).toBe(before);
	});

	it('keeps within the 5,000-event ingest limit for the large seed', () => {
		const large = thanhLoa2023(1).events;
		const out = batches(large, createRng(1), { duplicateRate: 0.05, batchSize: 5000 });
		expect(out.length).toBeGreaterThanOrEqual(2);
		expect(out.every((b) => b.length <= 5000)).toBe(true);
		expect(batches(large, createRng(1), { duplicateRate: 0, batchSize: 10_000 })).toHaveLength(1);
	});

	it('sends duplicates in a separate batch even when everything fits in one', () => {
		const out = batches(events.slice(0, 20), createRng(3), { duplicateRate: 1, batchSize: 1000 });
		expect(out).toHaveLength(2);
		expect(out[1].map((e) => e.id).sort()).toEqual(out[0].map((e) => e.id).sort());
		expect(batches([], createRng(1), { duplicateRate: 0.5, batchSize: 10 })).toEqual([]);
		expect(() => batches(events, createRng(1), { duplicateRate: 0.1, batchSize: 0 })).toThrow();
	});
});
