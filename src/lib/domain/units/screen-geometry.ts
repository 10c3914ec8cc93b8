/**
 * Geometry for the screen. Official boundaries can carry tens of thousands of
 * vertices per commune, far more than a map of the province can show: a wall
 * of 3840 px or a browser window draws the whole province in a few thousand
 * pixels at most. For the overview map and the wall display the children's
 * polygons are simplified (Douglas–Peucker, @turf/simplify, which keeps every
 * ring a valid ring) to a tolerance of the drawn extent / 4,000 — half a pixel
 * on a 4K wall — and coordinates are rounded to 6 decimals (about 0.1 m).
 * Points and features without geometry pass unchanged. The API
 * (/api/v1/units/CODE/geo) still serves the stored geometry untouched.
 */
import simplify from '@turf/simplify';

type Position = number[];
type Geometry = { type: string; coordinates?: unknown } | null;
type Feature = { geometry: unknown };

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function eachPosition(coords: unknown, visit: (p: Position) => void): void {
	if (!Array.isArray(coords)) return;
	if (typeof coords[0] === 'number') visit(coords as Position);
	else for (const c of coords) eachPosition(c, visit);
}

function mapPositions(coords: unknown, f: (p: Position) => Position): unknown {
	if (!Array.isArray(coords)) return coords;
	if (typeof coords[0] === 'number') return f(coords as Position);
	return coords.map((c) => mapPositions(c, f));
}

/** The largest side of the bounding box of every feature's coordinates (degrees), 0 when there are none. */
export function extentOf(features: readonly Feature[]): number {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const f of features) {
		eachPosition((f.geometry as Geometry)?.coordinates, ([x, y]) => {
			if (x < minX) minX = x;
			if (x > maxX) maxX = x;
			if (y < minY) minY = y;
			if (y > maxY) maxY = y;
		});
	}
	return maxX >= minX ? Math.max(maxX - minX, maxY - minY) : 0;
}

/** The features with their polygons simplified for a map `pixels` wide (see above); the input is not changed. */
export function screenGeometry<F extends Feature>(features: readonly F[], pixels = 4000): F[] {
	const tolerance = extentOf(features) / pixels;
	return features.map((f) => {
		const g = f.geometry as Geometry;
		if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return f;
		const simple =
			tolerance > 0
				? (simplify(g as Parameters<typeof simplify>[0], {
						tolerance,
						highQuality: false,
						mutate: false
					}) as { coordinates: unknown })
				: g;
		return {
			...f,
			geometry: {
				type: g.type,
				coordinates: mapPositions(simple.coordinates, (p) => [round6(p[0]), round6(p[1])])
			}
		};
	});
}

/** How many positions the features hold (for tests and benchmarks). */
export function countPositions(features: readonly Feature[]): number {
	let n = 0;
	for (const f of features) eachPosition((f.geometry as Geometry)?.coordinates, () => n++);
	return n;
}
