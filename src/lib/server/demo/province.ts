/**
 * The demo province as administrative units: codes, names, types, parents and
 * map polygons, and the GeoJSON FeatureCollection `importUnits` takes.
 *
 * Two levels by default (since 1 July 2025: province → ~100 communes and
 * wards; province code "99", commune codes "99001"…). With `districts: n` the
 * pre-2025 shape: province → n districts ("991"…; the one around the
 * provincial town is a "Thành phố" of wards, the others "Huyện" each with a
 * "Thị trấn") → communes.
 */
import { generateShape, projector, toGeoPolygon, type GeoPolygon } from './geometry.ts';
import { placeNames, provinceName, unitName } from './names.ts';
import type { Point } from './polygon.ts';

export type DemoUnitType =
	'province' | 'provincial_city' | 'district' | 'commune' | 'ward' | 'township';

export type DemoUnit = {
	code: string;
	name: string;
	type: DemoUnitType;
	parentCode: string | null;
	/** Label point [lon, lat]: the commune's seed, a district's or the province's centre. */
	label: Point;
	geometry: GeoPolygon;
};

export type DemoProvince = {
	code: string;
	name: string;
	units: DemoUnit[];
	/** The units that receive dossiers (communes, wards, townships). */
	counters: DemoUnit[];
};

export type ProvinceOptions = {
	seed: number;
	code?: string;
	communes?: number;
	districts?: number;
	wards?: number;
};

export const DEFAULT_PROVINCE_CODE = '99';

const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

export function generateProvince(opts: ProvinceOptions): DemoProvince {
	const code = opts.code ?? DEFAULT_PROVINCE_CODE;
	const k = opts.districts ?? 0;
	const wardCount = opts.wards ?? 12;
	const shape = generateShape({ seed: opts.seed, communes: opts.communes, districts: k });
	const project = projector(shape.center);
	const province = provinceName(opts.seed);
	const names = placeNames(opts.seed, k + shape.communes.length, [province.base]);
	let nameAt = 0;

	const byCity = shape.communes
		.map((_, i) => i)
		.sort(
			(a, b) => dist(shape.communes[a].seed, shape.city) - dist(shape.communes[b].seed, shape.city)
		);
	const nearCity = new Set(byCity.slice(0, wardCount));
	const cityDistrict = k > 0 ? shape.communes[byCity[0]].district : 0;

	// Districts: the city's first, then north to south.
	const districtOrder = shape.districts
		.map((_, d) => d)
		.sort((a, b) =>
			a === cityDistrict
				? -1
				: b === cityDistrict
					? 1
					: shape.districts[b].centre[1] - shape.districts[a].centre[1]
		);
	const groups = k > 0 ? districtOrder : [0];

	const units: DemoUnit[] = [
		{
			code,
			name: province.full,
			type: 'province',
			parentCode: null,
			label: project(shape.city),
			geometry: toGeoPolygon(shape.outline, project)
		}
	];
	const districtCode = new Map<number, string>();
	districtOrder.forEach((d, j) => {
		const type: DemoUnitType = d === cityDistrict ? 'provincial_city' : 'district';
		const dc = `${code}${j + 1}`;
		districtCode.set(d, dc);
		const district = shape.districts[d];
		units.push({
			code: dc,
			name: unitName(type, names[nameAt++]),
			type,
			parentCode: code,
			label: project(district.centre),
			geometry: toGeoPolygon(district.ring, project)
		});
	});

	const counters: DemoUnit[] = [];
	let n = 0;
	for (const d of groups) {
		const members = shape.communes.map((_, i) => i).filter((i) => shape.communes[i].district === d);
		const typeOf = new Map<number, DemoUnitType>();
		if (k === 0 || d === cityDistrict)
			for (const i of members) typeOf.set(i, nearCity.has(i) ? 'ward' : 'commune');
		else {
			const centre = shape.districts[d].centre;
			const town = members.reduce(
				(best, i) =>
					dist(shape.communes[i].seed, centre) < dist(shape.communes[best].seed, centre) ? i : best,
				members[0]
			);
			for (const i of members) typeOf.set(i, i === town ? 'township' : 'commune');
		}
		// Wards and townships first (nearest the centre first), then communes north to south.
		const rank = (i: number) => (typeOf.get(i) === 'commune' ? 1 : 0);
		members.sort(
			(a, b) =>
				rank(a) - rank(b) ||
				(rank(a) === 0
					? dist(shape.communes[a].seed, shape.city) - dist(shape.communes[b].seed, shape.city)
					: shape.communes[b].seed[1] - shape.communes[a].seed[1])
		);
		for (const i of members) {
			const c = shape.communes[i];
			const type = typeOf.get(i)!;
			const unit: DemoUnit = {
				code: `${code}${String(++n).padStart(3, '0')}`,
				name: unitName(type, names[nameAt++]),
				type,
				parentCode: k > 0 ? districtCode.get(d)! : code,
				label: project(c.seed),
				geometry: toGeoPolygon(c.ring, project)
			};
			units.push(unit);
			counters.push(unit);
		}
	}
	return { code, name: province.full, units, counters };
}

/** The units as a GeoJSON FeatureCollection for `importUnits` (properties.code, name, type, parent_code, lat, lon). */
export function provinceGeoJson(p: DemoProvince): string {
	return JSON.stringify({
		type: 'FeatureCollection',
		features: p.units.map((u) => ({
			type: 'Feature',
			properties: {
				code: u.code,
				name: u.name,
				type: u.type,
				parent_code: u.parentCode,
				lat: u.label[1],
				lon: u.label[0]
			},
			geometry: u.geometry
		}))
	});
}
