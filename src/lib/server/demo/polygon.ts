/**
 * Plane polygon helpers for the demo map. Polygons here are OPEN rings (the
 * first point is not repeated) of [x, y] points; GeoJSON closing happens when
 * the rings are projected to longitude/latitude (geometry.ts).
 */

export type Point = [number, number];
export type Ring = Point[];

/** Signed area (shoelace): positive when counter-clockwise. */
export function signedArea(ring: readonly Point[]): number {
	let s = 0;
	for (let i = 0, n = ring.length; i < n; i++) {
		const [x1, y1] = ring[i];
		const [x2, y2] = ring[(i + 1) % n];
		s += x1 * y2 - x2 * y1;
	}
	return s / 2;
}

export function area(ring: readonly Point[]): number {
	return Math.abs(signedArea(ring));
}

/** The ring counter-clockwise (a copy when it has to be reversed). */
export function counterClockwise(ring: Ring): Ring {
	return signedArea(ring) < 0 ? ring.slice().reverse() : ring;
}

/** Area centroid; the vertex mean for a degenerate ring. */
export function centroid(ring: readonly Point[]): Point {
	const a = signedArea(ring);
	if (Math.abs(a) < 1e-12) {
		const sx = ring.reduce((s, p) => s + p[0], 0);
		const sy = ring.reduce((s, p) => s + p[1], 0);
		return [sx / ring.length, sy / ring.length];
	}
	let cx = 0;
	let cy = 0;
	for (let i = 0, n = ring.length; i < n; i++) {
		const [x1, y1] = ring[i];
		const [x2, y2] = ring[(i + 1) % n];
		const f = x1 * y2 - x2 * y1;
		cx += (x1 + x2) * f;
		cy += (y1 + y2) * f;
	}
	return [cx / (6 * a), cy / (6 * a)];
}

/** Even-odd point-in-polygon test. */
export function contains(ring: readonly Point[], [x, y]: Point): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/** Which side of the directed line a→b the point p is on: > 0 left, < 0 right. */
function side(a: Point, b: Point, p: Point): number {
	return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
}

function intersection(p: Point, q: Point, a: Point, b: Point): Point {
	const sp = side(a, b, p);
	const sq = side(a, b, q);
	const t = sp / (sp - sq);
	return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/**
 * Sutherland–Hodgman: the part of `subject` (any simple polygon) inside the
 * CONVEX polygon `clip`. Exact in area; where the intersection falls apart in
 * several pieces they stay joined by zero-width edges along the clip boundary.
 * Consecutive duplicate points are removed; fewer than 3 points means empty.
 */
export function clipToConvex(subject: readonly Point[], clip: readonly Point[]): Ring {
	const c = signedArea(clip) < 0 ? clip.slice().reverse() : clip;
	let output: Point[] = subject.slice();
	for (let i = 0; i < c.length && output.length > 0; i++) {
		const a = c[i];
		const b = c[(i + 1) % c.length];
		const input = output;
		output = [];
		for (let j = 0; j < input.length; j++) {
			const cur = input[j];
			const prev = input[(j + input.length - 1) % input.length];
			const curIn = side(a, b, cur) >= 0;
			const prevIn = side(a, b, prev) >= 0;
			if (curIn) {
				if (!prevIn) output.push(intersection(prev, cur, a, b));
				output.push(cur);
			} else if (prevIn) output.push(intersection(prev, cur, a, b));
		}
	}
	return dedupe(output);
}

const EPS = 1e-9;

function dedupe(ring: Point[]): Ring {
	const out: Point[] = [];
	for (const p of ring) {
		const last = out[out.length - 1];
		if (!last || Math.abs(last[0] - p[0]) > EPS || Math.abs(last[1] - p[1]) > EPS) out.push(p);
	}
	while (
		out.length > 1 &&
		Math.abs(out[0][0] - out[out.length - 1][0]) <= EPS &&
		Math.abs(out[0][1] - out[out.length - 1][1]) <= EPS
	)
		out.pop();
	return out.length >= 3 ? out : [];
}

export function bbox(ring: readonly Point[]): [number, number, number, number] {
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -Infinity;
	let y1 = -Infinity;
	for (const [x, y] of ring) {
		if (x < x0) x0 = x;
		if (y < y0) y0 = y;
		if (x > x1) x1 = x;
		if (y > y1) y1 = y;
	}
	return [x0, y0, x1, y1];
}
