/**
 * The geometry of a unit's GeoJSON feature: a Polygon or MultiPolygon kept for
 * the map (after checking its coordinates are WGS84 longitude/latitude), or a
 * Point that only gives the unit's position.
 */

export type GeometryResult =
	| { ok: true; geometry: unknown | null; lat: number | null; lon: number | null }
	| { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** A problem with one position, or null. `path` is like "coordinates[0][3]". */
function positionProblem(p: unknown, path: string): string | null {
	if (
		!Array.isArray(p) ||
		p.length < 2 ||
		!p.every((x) => typeof x === 'number' && Number.isFinite(x))
	) {
		return `${path} is not a position: expected [longitude, latitude] numbers`;
	}
	const [lon, lat] = p as number[];
	if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
		return `${path} [${lon}, ${lat}] is outside longitude/latitude range (coordinates must be WGS84, not projected)`;
	}
	return null;
}

function polygonProblem(rings: unknown, path: string): string | null {
	if (!Array.isArray(rings) || rings.length === 0)
		return `${path} must be a non-empty array of rings`;
	for (let r = 0; r < rings.length; r++) {
		const ring: unknown = rings[r];
		const ringPath = `${path}[${r}]`;
		if (!Array.isArray(ring)) return `${ringPath} must be an array of positions`;
		if (ring.length < 4)
			return `${ringPath} has ${ring.length} positions (a ring needs at least 4)`;
		for (let i = 0; i < ring.length; i++) {
			const problem = positionProblem(ring[i], `${ringPath}[${i}]`);
			if (problem !== null) return problem;
		}
	}
	return null;
}

/** Check a feature's `geometry` member (null or absent is allowed: no shape, no position). */
export function checkGeometry(geometry: unknown): GeometryResult {
	if (geometry === null || geometry === undefined)
		return { ok: true, geometry: null, lat: null, lon: null };
	if (!isObject(geometry)) return { ok: false, error: 'geometry must be an object or null' };
	const { type, coordinates } = geometry;
	if (type === 'Point') {
		const problem = positionProblem(coordinates, 'Point coordinates');
		if (problem !== null) return { ok: false, error: problem };
		const [lon, lat] = coordinates as number[];
		return { ok: true, geometry: null, lat, lon };
	}
	if (type === 'Polygon') {
		const problem = polygonProblem(coordinates, 'Polygon coordinates');
		return problem === null
			? { ok: true, geometry, lat: null, lon: null }
			: { ok: false, error: problem };
	}
	if (type === 'MultiPolygon') {
		if (!Array.isArray(coordinates) || coordinates.length === 0) {
			return { ok: false, error: 'MultiPolygon coordinates must be a non-empty array of polygons' };
		}
		for (let i = 0; i < coordinates.length; i++) {
			const problem = polygonProblem(coordinates[i], `MultiPolygon coordinates[${i}]`);
			if (problem !== null) return { ok: false, error: problem };
		}
		return { ok: true, geometry, lat: null, lon: null };
	}
	const shown = typeof type === 'string' ? `"${type}"` : String(type);
	return {
		ok: false,
		error: `unsupported geometry type ${shown} (use Polygon, MultiPolygon or Point)`
	};
}
