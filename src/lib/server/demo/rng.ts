/**
 * Seeded randomness for the demo: mulberry32 streams, seeds derived by hashing
 * (so that any part — one unit, one day — can be generated on its own, in any
 * order, and always comes out the same).
 */

export type Rng = {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both inclusive. */
	int(min: number, max: number): number;
	/** A float in [min, max). */
	range(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** An index drawn with probability proportional to its weight. */
	weighted(weights: readonly number[]): number;
	/** A Poisson draw with mean `lambda`. */
	poisson(lambda: number): number;
	/** Failures before the first success, success probability p (mean (1-p)/p). */
	geometric(p: number): number;
	/** A normal draw (Box–Muller). */
	normal(mean: number, sd: number): number;
};

/** A 32-bit hash of any list of parts (FNV-1a, then a murmur finaliser). */
export function hashSeed(...parts: (string | number)[]): number {
	let h = 0x811c9dc5;
	for (const part of parts) {
		const s = `${part}\u0001`;
		for (let i = 0; i < s.length; i++) {
			h ^= s.charCodeAt(i);
			h = Math.imul(h, 0x01000193);
		}
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** A float in [0, 1) fixed by the parts: for ranking units by a seeded coin. */
export function hashUnit(...parts: (string | number)[]): number {
	return hashSeed(...parts) / 4294967296;
}

export function createRng(seed: number): Rng {
	let a = seed >>> 0;
	const next = (): number => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const normal = (mean: number, sd: number): number => {
		const u = 1 - next();
		const v = next();
		return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		range: (min, max) => min + next() * (max - min),
		chance: (p) => next() < p,
		pick: (items) => items[Math.floor(next() * items.length)],
		weighted(weights) {
			let total = 0;
			for (const w of weights) total += w;
			let r = next() * total;
			for (let i = 0; i < weights.length; i++) {
				r -= weights[i];
				if (r < 0) return i;
			}
			return weights.length - 1;
		},
		poisson(lambda) {
			if (lambda <= 0) return 0;
			if (lambda > 40) return Math.max(0, Math.round(normal(lambda, Math.sqrt(lambda))));
			const l = Math.exp(-lambda);
			let k = 0;
			let p = next();
			while (p > l) {
				k++;
				p *= next();
			}
			return k;
		},
		geometric(p) {
			return Math.floor(Math.log(1 - next()) / Math.log(1 - p));
		},
		normal
	};
}
