/**
 * Units from GeoJSON (docs/domain.md#units): a FeatureCollection whose features carry
 * `properties.code`, `name`, `type` and `parent_code` (or `parentCode`).
 *
 * - Codes must be JSON strings: a number would have lost its leading zeros.
 * - A Polygon / MultiPolygon geometry is kept as-is for the map; a Point gives
 *   lat/lon (and no geometry); without a Point, numeric `properties.lat` and
 *   `properties.lon` are used if present.
 * - An optional `properties.dvcqg_code` (or `dvcqgCode`) is the unit's code
 *   on the national portal (docs/dvcqg.md).
 * - Errors are located by feature: `line` and `feature` are both the 1-based
 *   index of the feature. File-wide problems (invalid JSON, not a
 *   FeatureCollection) are one error on line 1 without `feature`.
 */
import {
	checkCode,
	checkDvcqgCode,
	checkLatLon,
	checkName,
	checkParentCode,
	checkType,
	show,
	type Check
} from './fields.ts';
import { checkGeometry } from './geometry.ts';
import { stripBom } from './csv.ts';
import type { ImportError, UnitRow, UnitType, UnitsParseResult } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'string') return `the string ${show(value)}`;
	if (typeof value === 'number') return `the number ${value}`;
	return `a ${typeof value}`;
}

/** A string-valued property; `null` when absent (undefined, null). */
function text(props: Record<string, unknown>, key: string, hint = ''): Check<string | null> {
	const value = props[key];
	if (value === undefined || value === null) return { ok: true, value: null };
	if (typeof value === 'string') return { ok: true, value };
	return { ok: false, error: `${key} must be a string, not ${describe(value)}${hint}` };
}

const failed = <T>(error: string): Check<T> => ({ ok: false, error });

const CODE_HINT = ' (leading zeros matter: write the code in quotes)';

/** parent_code / parentCode: either may be used; both only when they agree. */
function parentOf(props: Record<string, unknown>): Check<string | null> {
	const a = text(props, 'parent_code', CODE_HINT);
	const b = text(props, 'parentCode', CODE_HINT);
	if (!a.ok) return a;
	if (!b.ok) return b;
	const pa = checkParentCode(a.value ?? '');
	const pb = checkParentCode(b.value ?? '');
	if (!pa.ok) return pa;
	if (!pb.ok) return { ok: false, error: pb.error.replace('parent_code', 'parentCode') };
	if (pa.value !== null && pb.value !== null && pa.value !== pb.value) {
		return {
			ok: false,
			error: `parent_code ${show(pa.value)} and parentCode ${show(pb.value)} differ`
		};
	}
	return { ok: true, value: pa.value ?? pb.value };
}

function numberOrNull(props: Record<string, unknown>, key: string): Check<number | null> {
	const value = props[key];
	if (value === undefined || value === null) return { ok: true, value: null };
	if (typeof value === 'number') return { ok: true, value };
	return { ok: false, error: `${key} must be a number, not ${describe(value)}` };
}

function readFeature(
	feature: unknown,
	n: number
): { row: UnitRow | null; code: string | null; problems: string[] } {
	if (!isObject(feature) || feature.type !== 'Feature') {
		return { row: null, code: null, problems: ['not a GeoJSON Feature (needs "type": "Feature")'] };
	}
	const props = feature.properties;
	if (!isObject(props)) return { row: null, code: null, problems: ['properties are missing'] };

	const problems: string[] = [];
	const rawCode = text(props, 'code', CODE_HINT);
	const code = rawCode.ok ? checkCode(rawCode.value ?? '') : failed<string>(rawCode.error);
	const rawName = text(props, 'name');
	const name = rawName.ok ? checkName(rawName.value ?? '') : failed<string>(rawName.error);
	const parent = parentOf(props);
	const rawType = text(props, 'type');
	const hasParent = parent.ok ? parent.value !== null : true;
	const type = rawType.ok
		? checkType(rawType.value ?? '', hasParent)
		: failed<UnitType>(rawType.error);
	const geometry = checkGeometry(feature.geometry);
	const dvcqgKey = Object.hasOwn(props, 'dvcqg_code')
		? 'dvcqg_code'
		: Object.hasOwn(props, 'dvcqgCode')
			? 'dvcqgCode'
			: null;
	const rawDvcqg = dvcqgKey ? text(props, dvcqgKey) : null;
	const dvcqg =
		rawDvcqg === null
			? null
			: rawDvcqg.ok
				? checkDvcqgCode(rawDvcqg.value ?? '')
				: failed<string | null>(rawDvcqg.error);

	for (const c of [code, name, type, parent, geometry]) if (!c.ok) problems.push(c.error);
	if (dvcqg && !dvcqg.ok) problems.push(dvcqg.error);
	let lat: number | null = null;
	let lon: number | null = null;
	if (geometry.ok && geometry.lat !== null) {
		lat = geometry.lat;
		lon = geometry.lon;
	} else {
		const pLat = numberOrNull(props, 'lat');
		const pLon = numberOrNull(props, 'lon');
		if (!pLat.ok) problems.push(pLat.error);
		if (!pLon.ok) problems.push(pLon.error);
		if (pLat.ok && pLon.ok) {
			const pos = checkLatLon(pLat.value, pLon.value);
			problems.push(...pos.errors);
			lat = pos.lat;
			lon = pos.lon;
		}
	}

	const codeValue = code.ok ? code.value : null;
	if (!code.ok || !name.ok || !type.ok || !parent.ok || !geometry.ok || problems.length > 0) {
		return { row: null, code: codeValue, problems };
	}
	return {
		row: {
			code: code.value,
			name: name.value,
			type: type.value,
			parentCode: parent.value,
			lat,
			lon,
			geometry: geometry.geometry,
			...(dvcqg?.ok ? { dvcqgCode: dvcqg.value } : {}),
			line: n,
			feature: n
		},
		code: codeValue,
		problems
	};
}

export function parseUnitsGeoJson(text: string): UnitsParseResult {
	let doc: unknown;
	try {
		doc = JSON.parse(stripBom(text));
	} catch (e) {
		return { rows: [], errors: [{ line: 1, message: `invalid JSON: ${(e as Error).message}` }] };
	}
	if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
		return {
			rows: [],
			errors: [{ line: 1, message: 'expected a GeoJSON FeatureCollection with a "features" array' }]
		};
	}

	const rows: UnitRow[] = [];
	const errors: ImportError[] = [];
	const firstFeature = new Map<string, number>();
	doc.features.forEach((feature: unknown, i: number) => {
		const n = i + 1;
		const { row, code, problems } = readFeature(feature, n);
		for (const message of problems) errors.push({ line: n, message, feature: n });
		if (code === null) return;
		const seen = firstFeature.get(code);
		if (seen !== undefined) {
			errors.push({
				line: n,
				message: `duplicate code ${show(code)} (first in feature ${seen})`,
				feature: n
			});
			return;
		}
		firstFeature.set(code, n);
		if (row !== null) rows.push(row);
	});
	return { rows, errors };
}
