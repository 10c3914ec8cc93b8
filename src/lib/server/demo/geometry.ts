/**
 * The demo province's map, generated from a seed: an irregular outline (a
 * star-shaped polygon around an ellipse about 150 × 95 km, tilted along the
 * coast of central Viet Nam near 16°N 107.7°E), ~100 commune seed points
 * (denser around the provincial town), and a Voronoi partition (d3-delaunay)
 * clipped to the outline — so the communes tile the province exactly.
 *
 * With `districts > 0` there is a middle level: the commune seeds are grouped
 * by k-means into districts; each district is the outline clipped to its
 * centre's Voronoi cell, and each commune is its own district's Voronoi cell
 * (of that district's seeds only) clipped to the district. Work is done in
 * kilometres on a plane, then projected to longitude/latitude.
 */
import { Delaunay } from 'd3-delaunay';
import {
	bbox,
	clipToConvex,
	contains,
	counterClockwise,
	type Point,
	type Ring
} from './polygon.ts';
import { createRng, hashSeed, type Rng } from './rng.ts';

export type ShapeOptions = {
	seed: number;
	communes?: number;
	/** 0 = two levels (province → communes); n > 0 = province → n districts → communes. */
	districts?: number;
	/** [longitude, latitude] of the centre. */
	center?: Point;
	widthKm?: number;
	heightKm?: number;
	rotationDeg?: number;
};

export type Shape = {
	center: Point;
	/** Kilometre rings (open, counter-clockwise). */
	outline: Ring;
	/** The provincial town (wards cluster around it). */
	city: Point;
	districts: { centre: Point; ring: Ring }[];
	/** `district` indexes `districts` (always 0 when there are none). */
	communes: { seed: Point; ring: Ring; district: number }[];
};

export const DEFAULT_CENTER: Point = [107.7, 16.05];

function outline(rng: Rng, a: number, b: number, rotation: number): Ring {
	const n = 120;
	const harmonics = [2, 3, 4, 5, 7, 11, 17].map((k) => ({
		k,
		amp: rng.range(0.04, 0.1) / Math.sqrt(k - 1),
		phase: rng.range(0, 2 * Math.PI)
	}));
	const cos = Math.cos(rotation);
	const sin = Math.sin(rotation);
	const ring: Ring = [];
	for (let i = 0; i < n; i++) {
		const t = ((i + rng.range(-0.3, 0.3)) / n) * 2 * Math.PI;
		const ellipse = (a * b) / Math.hypot(b * Math.cos(t), a * Math.sin(t));
		let f = 1 + rng.range(-0.03, 0.03);
		for (const h of harmonics) f += h.amp * Math.sin(h.k * t + h.phase);
		const r = ellipse * f;
		const x = r * Math.cos(t);
		const y = r * Math.sin(t);
		ring.push([x * cos - y * sin, x * sin + y * cos]);
	}
	return counterClockwise(ring);
}

/** Best-candidate sampling inside the outline, denser near the city (blue noise with varying density). */
function seeds(rng: Rng, ring: Ring, city: Point, count: number): Point[] {
	const [x0, y0, x1, y1] = bbox(ring);
	const density = (p: Point) =>
		1 + 5 * Math.exp(-((p[0] - city[0]) ** 2 + (p[1] - city[1]) ** 2) / (2 * 14 ** 2));
	const sample = (): Point => {
		for (;;) {
			const p: Point = [rng.range(x0, x1), rng.range(y0, y1)];
			if (contains(ring, p) && rng.next() * 6 < density(p)) return p;
		}
	};
	const points: Point[] = [];
	while (points.length < count) {
		let best: Point | null = null;
		let bestScore = -1;
		for (let k = 0; k < 14; k++) {
			const c = sample();
			let d = Infinity;
			for (const p of points) d = Math.min(d, Math.hypot(p[0] - c[0], p[1] - c[1]));
			const score = d * Math.sqrt(density(c));
			if (score > bestScore) {
				best = c;
				bestScore = score;
			}
		}
		points.push(best!);
	}
	return points;
}

function nearest(p: Point, centres: readonly Point[]): number {
	let best = 0;
	let bestD = Infinity;
	centres.forEach((c, i) => {
		const d = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2;
		if (d < bestD) {
			bestD = d;
			best = i;
		}
	});
	return best;
}

/** k-means (farthest-point start from the city), so every district holds several communes. */
function kMeans(points: readonly Point[], k: number, city: Point): Point[] {
	const centres: Point[] = [points[nearest(city, points)]];
	while (centres.length < k) {
		let far = 0;
		let farD = -1;
		points.forEach((p, i) => {
			const d = Math.min(...centres.map((c) => Math.hypot(p[0] - c[0], p[1] - c[1])));
			if (d > farD) {
				farD = d;
				far = i;
			}
		});
		centres.push(points[far]);
	}
	for (let iter = 0; iter < 12; iter++) {
		const sums = centres.map(() => ({ x: 0, y: 0, n: 0 }));
		for (const p of points) {
			const s = sums[nearest(p, centres)];
			s.x += p[0];
			s.y += p[1];
			s.n++;
		}
		sums.forEach((s, i) => {
			if (s.n > 0) centres[i] = [s.x / s.n, s.y / s.n];
		});
	}
	return centres;
}

/** Convex Voronoi cells of `points` within the box. */
function cells(points: readonly Point[], box: [number, number, number, number]): Ring[] {
	const voronoi = Delaunay.from(points as Point[]).voronoi(box);
	return points.map((_, i) => {
		const polygon = voronoi.cellPolygon(i) as Point[] | null;
		if (!polygon) return [];
		return counterClockwise(polygon.slice(0, -1).map((p) => [p[0], p[1]] as Point));
	});
}

export function generateShape(opts: ShapeOptions): Shape {
	const rng = createRng(hashSeed(opts.seed, 'shape'));
	const count = opts.communes ?? 100;
	const rotation = ((opts.rotationDeg ?? 35) * Math.PI) / 180;
	const ring = outline(rng, (opts.widthKm ?? 150) / 2, (opts.heightKm ?? 95) / 2, rotation);
	// The provincial town: towards the (north-)east, the coastal side, about half-way out.
	const angle = rotation + rng.range(-0.5, 0.5);
	let city: Point = [0, 0];
	for (let f = 0.5; f > 0; f -= 0.1) {
		city = [Math.cos(angle) * 75 * f, Math.sin(angle) * 47 * f];
		if (contains(ring, city)) break;
	}
	const points = seeds(rng, ring, city, count);
	const [x0, y0, x1, y1] = bbox(ring);
	const box: [number, number, number, number] = [x0 - 5, y0 - 5, x1 + 5, y1 + 5];
	const k = opts.districts ?? 0;
	const centres = k > 0 ? kMeans(points, k, city) : [city];
	const districtCells =
		k > 0
			? cells(centres, box)
			: [
					[
						[box[0], box[1]],
						[box[2], box[1]],
						[box[2], box[3]],
						[box[0], box[3]]
					] as Ring
				];
	const membership = points.map((p) => (k > 0 ? nearest(p, centres) : 0));
	const communes: Shape['communes'] = points.map((seed, i) => ({
		seed,
		ring: [],
		district: membership[i]
	}));
	districtCells.forEach((dCell, d) => {
		const members = points.map((_, i) => i).filter((i) => membership[i] === d);
		const own = cells(
			members.map((i) => points[i]),
			box
		);
		members.forEach((i, j) => {
			communes[i].ring = clipToConvex(ring, clipToConvex(own[j], dCell));
		});
	});
	return {
		center: opts.center ?? DEFAULT_CENTER,
		outline: ring,
		city,
		districts:
			k > 0
				? centres.map((centre, d) => ({ centre, ring: clipToConvex(ring, districtCells[d]) }))
				: [],
		communes
	};
}

/** Kilometres around `center` → [longitude, latitude] (equirectangular; fine at this scale). */
export function projector(center: Point): (p: Point) => Point {
	const kmPerLon = 111.32 * Math.cos((center[1] * Math.PI) / 180);
	const kmPerLat = 110.574;
	const round = (v: number) => Math.round(v * 1e5) / 1e5;
	return ([x, y]) => [round(center[0] + x / kmPerLon), round(center[1] + y / kmPerLat)];
}

export type GeoPolygon = { type: 'Polygon'; coordinates: number[][][] };

/** A GeoJSON Polygon: one closed, counter-clockwise ring in lon/lat order. */
export function toGeoPolygon(ring: Ring, project: (p: Point) => Point): GeoPolygon {
	const coords: Point[] = [];
	for (const p of ring) {
		const q = project(p);
		const last = coords[coords.length - 1];
		if (!last || last[0] !== q[0] || last[1] !== q[1]) coords.push(q);
	}
	while (
		coords.length > 1 &&
		coords[0][0] === coords[coords.length - 1][0] &&
		coords[0][1] === coords[coords.length - 1][1]
	)
		coords.pop();
	coords.push([coords[0][0], coords[0][1]]);
	return { type: 'Polygon', coordinates: [coords] };
}
