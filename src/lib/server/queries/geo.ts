/** Map geometry of a unit's children (GeoJSON), as stored by the units import. */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { localDay } from '../../domain/calendar/days.ts';
import { screenGeometry } from '../../domain/units/screen-geometry.ts';
import { notMergedBy } from './units.ts';

export type UnitFeature = {
	type: 'Feature';
	geometry: unknown;
	properties: { code: string; name: string; type: string; lat: number | null; lon: number | null };
};

/** The children as they are today: a unit merged into a successor is drawn as part of it, not over it. */
export async function childrenGeo(
	database: Database,
	code: string,
	now = new Date()
): Promise<{ type: 'FeatureCollection'; features: UnitFeature[] }> {
	const features = await jsonRows<UnitFeature>(
		database,
		sql`select jsonb_build_object('type', 'Feature',
				'geometry', coalesce(geometry, case when lat is not null and lon is not null
					then jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(lon, lat)) end),
				'properties', jsonb_build_object('code', code, 'name', name, 'type', type, 'lat', lat, 'lon', lon)) as j
			from units where parent_code = ${code} and ${notMergedBy(localDay(now))} order by code`
	);
	return { type: 'FeatureCollection', features };
}

/** Simplified maps by database and parent unit, kept while its children, their geometry and the mergers are unchanged. */
type ScreenMap = { stamp: string; geo: Awaited<ReturnType<typeof childrenGeo>> };
const screenMapsOf = new WeakMap<Database, Map<string, ScreenMap>>();
const SCREEN_MAPS_KEPT = 64;

/**
 * The children's map for the overview and the wall display: as childrenGeo,
 * with polygons simplified for the screen (domain/units/screen-geometry).
 * Simplifying official boundaries is the costly part, so the result is kept
 * per unit and day; a cheap stamp (the children's count and last update, the
 * number of mergers) tells when the registry changed, also in another process.
 */
export async function screenGeo(database: Database, code: string, now = new Date()) {
	const [{ s }] = await jsonRows<{ s: string }>(
		database,
		sql`select jsonb_build_object('s', count(*) || '/' || coalesce(max(updated_at)::text, '') || '/' || (select count(*) from unit_mergers)) as j
			from units where parent_code = ${code}`
	);
	const stamp = `${localDay(now)}/${s}`;
	let screenMaps = screenMapsOf.get(database);
	if (!screenMaps) screenMapsOf.set(database, (screenMaps = new Map()));
	const hit = screenMaps.get(code);
	if (hit && hit.stamp === stamp) return hit.geo;
	const raw = await childrenGeo(database, code, now);
	const geo = { type: raw.type, features: screenGeometry(raw.features) };
	if (screenMaps.size >= SCREEN_MAPS_KEPT) screenMaps.delete(screenMaps.keys().next().value!);
	screenMaps.set(code, { stamp, geo });
	return geo;
}

export async function unitPath(
	database: Database,
	ancestors: string[]
): Promise<{ code: string; name: string }[]> {
	const rows = await jsonRows<{ code: string; name: string }>(
		database,
		sql`select jsonb_build_object('code', code, 'name', name) as j from units
			where code = any(array(select jsonb_array_elements_text(${JSON.stringify(ancestors)}::jsonb)))`
	);
	const byCode = new Map(rows.map((r) => [r.code, r]));
	return ancestors.map((c) => byCode.get(c)!).filter(Boolean);
}

/** For every descendant of `code`, the child of `code` it belongs to (to light the right polygon on the map). */
export async function childOfDescendants(
	database: Database,
	code: string,
	depth: number
): Promise<Record<string, string>> {
	const rows = await jsonRows<{ c: string; k: string }>(
		database,
		sql`select jsonb_build_object('c', code, 'k', ancestors[${depth + 2}]) as j from units
			where ancestors @> array[${code}]::text[] and depth > ${depth}`
	);
	return Object.fromEntries(rows.map((r) => [r.c, r.k]));
}
