import { describe, expect, it } from 'vitest';
import {
	countPositions,
	extentOf,
	screenGeometry
} from '../../src/lib/domain/units/screen-geometry.ts';

/** A ring of n points around (cx, cy), radius r with a little wobble, closed. */
function wobblyRing(cx: number, cy: number, r: number, n: number): number[][] {
	const ring: number[][] = [];
	for (let i = 0; i < n; i++) {
		const a = (2 * Math.PI * i) / n;
		const rr = r * (1 + 0.05 * Math.sin(7 * a) + 0.00001 * Math.sin(997 * a));
		ring.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
	}
	ring.push(ring[0]);
	return ring;
}

function area(ring: number[][]): number {
	let s = 0;
	for (let i = 0; i + 1 < ring.length; i++)
		s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return Math.abs(s) / 2;
}

function distToSegment(p: number[], a: number[], b: number[]): number {
	const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
	const t = Math.max(
		0,
		Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1))
	);
	return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

const feature = (code: string, geometry: unknown) => ({
	type: 'Feature',
	geometry,
	properties: { code }
});

describe('geometry for the screen', () => {
	const dense = [
		feature('A', { type: 'Polygon', coordinates: [wobblyRing(105.5, 21, 0.1, 20_000)] }),
		feature('B', {
			type: 'MultiPolygon',
			coordinates: [[wobblyRing(105.8, 21, 0.08, 8_000)], [wobblyRing(106, 21.2, 0.01, 3_000)]]
		}),
		feature('P', { type: 'Point', coordinates: [105.7, 21.1] }),
		feature('N', null)
	];

	it('keeps the shapes within half a pixel of a 4K map with far fewer points', () => {
		const before = JSON.stringify(dense);
		const out = screenGeometry(dense);
		expect(JSON.stringify(dense)).toBe(before); // the input is untouched
		expect(out.map((f) => f.properties.code)).toEqual(['A', 'B', 'P', 'N']);
		expect(countPositions(out)).toBeLessThan(countPositions(dense) / 10);

		const tolerance = extentOf(dense) / 4000;
		const a = (out[0].geometry as { coordinates: number[][][] }).coordinates[0];
		const original = (dense[0].geometry as { coordinates: number[][][] }).coordinates[0];
		expect(a[0]).toEqual(a[a.length - 1]); // still a closed ring
		expect(a.length).toBeGreaterThanOrEqual(4);
		// every original vertex lies within the tolerance (+ rounding) of the simplified outline
		for (let i = 0; i < original.length; i += 37) {
			let best = Infinity;
			for (let j = 0; j + 1 < a.length; j++)
				best = Math.min(best, distToSegment(original[i], a[j], a[j + 1]));
			expect(best).toBeLessThanOrEqual(tolerance + 1e-6);
		}
		expect(Math.abs(area(a) - area(original)) / area(original)).toBeLessThan(0.005);
		// the small island of B survives as a ring of its own
		const b = (out[1].geometry as { coordinates: number[][][][] }).coordinates;
		expect(b).toHaveLength(2);
		expect(b[1][0].length).toBeGreaterThanOrEqual(4);
	});

	it('rounds coordinates to 6 decimals and passes points and empty geometry through', () => {
		const out = screenGeometry(dense);
		const all = JSON.stringify(out[0].geometry).match(/\d+\.\d+/g)!;
		expect(all.every((x) => x.split('.')[1].length <= 6)).toBe(true);
		expect(out[2]).toBe(dense[2]);
		expect(out[3]).toBe(dense[3]);
		expect(screenGeometry([])).toEqual([]);
	});

	it('leaves a coarse map as it is', () => {
		const square = [
			feature('S', {
				type: 'Polygon',
				coordinates: [
					[
						[105, 20],
						[106, 20],
						[106, 21],
						[105, 21],
						[105, 20]
					]
				]
			})
		];
		expect(screenGeometry(square)[0].geometry).toEqual(square[0].geometry);
	});
});
