/** The demo province's generated map: valid, closed GeoJSON polygons that tile the outline. */
import { describe, expect, it } from 'vitest';
import { parseUnitsGeoJson } from '../../src/lib/domain/units/parse-geojson.ts';
import {
	generateProvince,
	provinceGeoJson,
	type DemoUnit
} from '../../src/lib/server/demo/province.ts';
import {
	clipToConvex,
	contains,
	signedArea,
	type Point
} from '../../src/lib/server/demo/polygon.ts';

const ring = (u: DemoUnit) => u.geometry.coordinates[0] as Point[];
/** Planar area in degrees² (the projection is linear, so ratios are those of km²). */
const areaOf = (u: DemoUnit) => Math.abs(signedArea(ring(u).slice(0, -1)));

function bboxOf(points: Point[]) {
	return {
		minLon: Math.min(...points.map((p) => p[0])),
		maxLon: Math.max(...points.map((p) => p[0])),
		minLat: Math.min(...points.map((p) => p[1])),
		maxLat: Math.max(...points.map((p) => p[1]))
	};
}

describe.each([0, 6])('demo province geometry with %i districts', (districts) => {
	const p = generateProvince({ seed: 20250701, districts });
	const province = p.units[0];
	const communes = p.counters;

	it('has ~100 communes under a 2-digit province, with the expected codes', () => {
		expect(province).toMatchObject({ code: '99', type: 'province', parentCode: null });
		expect(communes).toHaveLength(100);
		expect(communes.map((c) => c.code)).toEqual(
			Array.from({ length: 100 }, (_, i) => `99${String(i + 1).padStart(3, '0')}`)
		);
		const middle = p.units.filter((u) => u.type === 'district' || u.type === 'provincial_city');
		expect(middle.map((d) => d.code)).toEqual(
			districts ? ['991', '992', '993', '994', '995', '996'] : []
		);
		for (const c of communes) expect(c.parentCode).toMatch(districts ? /^99[1-6]$/ : /^99$/);
		expect(communes.some((c) => c.type === 'ward')).toBe(true);
	});

	it('gives every unit a closed, counter-clockwise lon/lat ring inside the province bounding box, in Viet Nam', () => {
		const box = bboxOf(ring(province));
		expect(box.maxLon - box.minLon).toBeGreaterThan(1);
		expect(box.minLon).toBeGreaterThan(102);
		expect(box.maxLon).toBeLessThan(110);
		expect(box.minLat).toBeGreaterThan(8);
		expect(box.maxLat).toBeLessThan(24);
		for (const u of p.units) {
			expect(u.geometry.type).toBe('Polygon');
			const r = ring(u);
			expect(r.length).toBeGreaterThanOrEqual(4);
			expect(r[0]).toEqual(r[r.length - 1]);
			expect(signedArea(r.slice(0, -1))).toBeGreaterThan(0);
			for (const [lon, lat] of r) {
				expect(lon).toBeGreaterThanOrEqual(box.minLon);
				expect(lon).toBeLessThanOrEqual(box.maxLon);
				expect(lat).toBeGreaterThanOrEqual(box.minLat);
				expect(lat).toBeLessThanOrEqual(box.maxLat);
			}
		}
	});

	it('tiles the outline: the communes add up to the province (within 2%) and barely overlap', () => {
		const total = communes.reduce((s, c) => s + areaOf(c), 0);
		expect(Math.abs(total / areaOf(province) - 1)).toBeLessThan(0.02);
		// Each commune's label point lies in its own polygon and in no other.
		for (const c of communes) {
			const inside = communes.filter((o) => contains(ring(o), c.label));
			expect(inside.map((o) => o.code)).toEqual([c.code]);
		}
		if (districts) {
			for (const d of p.units.filter((u) => u.parentCode === '99')) {
				const sum = communes
					.filter((c) => c.parentCode === d.code)
					.reduce((s, c) => s + areaOf(c), 0);
				expect(Math.abs(sum / areaOf(d) - 1)).toBeLessThan(0.02);
			}
		}
	});

	it('is accepted by the unit import (GeoJSON with code, name, type, parent_code)', () => {
		const parsed = parseUnitsGeoJson(provinceGeoJson(p));
		expect(parsed.errors).toEqual([]);
		expect(parsed.rows).toHaveLength(p.units.length);
		expect(parsed.rows.every((r) => r.geometry !== null && r.lat !== null && r.lon !== null)).toBe(
			true
		);
	});

	it('is deterministic for a seed', () => {
		expect(generateProvince({ seed: 20250701, districts })).toEqual(p);
		expect(generateProvince({ seed: 7, districts }).units[1].geometry).not.toEqual(
			p.units[1].geometry
		);
	});
});

describe('Sutherland–Hodgman clipping', () => {
	const square: Point[] = [
		[0, 0],
		[4, 0],
		[4, 4],
		[0, 4]
	];
	it('clips a concave polygon to a convex one exactly in area', () => {
		// A "U" shape (area 12) against the upper half-plane box y ≥ 2.
		const u: Point[] = [
			[0, 0],
			[4, 0],
			[4, 4],
			[3, 4],
			[3, 1],
			[1, 1],
			[1, 4],
			[0, 4]
		];
		const clip: Point[] = [
			[-1, 2],
			[5, 2],
			[5, 5],
			[-1, 5]
		];
		expect(Math.abs(signedArea(clipToConvex(u, clip)))).toBeCloseTo(4, 9);
		expect(Math.abs(signedArea(clipToConvex(square, clip)))).toBeCloseTo(8, 9);
	});
	it('returns an empty ring when the polygons do not meet', () => {
		const far: Point[] = [
			[10, 10],
			[11, 10],
			[11, 11]
		];
		expect(clipToConvex(square, far)).toEqual([]);
	});
});
