import { describe, expect, it } from 'vitest';
import { parseUnitsGeoJson } from '../../src/lib/domain/units/index.ts';

const square = [
	[
		[105.8, 21.0],
		[105.9, 21.0],
		[105.9, 21.1],
		[105.8, 21.1],
		[105.8, 21.0]
	]
];
const feature = (properties: Record<string, unknown>, geometry: unknown = null) => ({
	type: 'Feature',
	properties,
	geometry
});
const collection = (...features: unknown[]) =>
	JSON.stringify({ type: 'FeatureCollection', features });
const located = (text: string) =>
	parseUnitsGeoJson(text).errors.map((e) => `${e.feature ?? '-'}/${e.line}: ${e.message}`);

describe('parseUnitsGeoJson', () => {
	it('reads features, keeping polygons and taking a Point as lat/lon', () => {
		const polygon = { type: 'Polygon', coordinates: square };
		const multi = { type: 'MultiPolygon', coordinates: [square, square] };
		const { rows, errors } = parseUnitsGeoJson(
			collection(
				feature({ code: '01', name: 'Hà Nội', type: 'Thành phố' }, polygon),
				feature({ code: '001', name: 'Ba Đình', type: 'quan', parent_code: '01' }, multi),
				feature(
					{ code: '00001', name: 'Phúc Xá', type: 'phường', parentCode: '001' },
					{ type: 'Point', coordinates: [105.84, 21.05] }
				)
			)
		);
		expect(errors).toEqual([]);
		expect(rows).toEqual([
			{
				code: '01',
				name: 'Hà Nội',
				type: 'city',
				parentCode: null,
				lat: null,
				lon: null,
				geometry: polygon,
				line: 1,
				feature: 1
			},
			{
				code: '001',
				name: 'Ba Đình',
				type: 'city_district',
				parentCode: '01',
				lat: null,
				lon: null,
				geometry: multi,
				line: 2,
				feature: 2
			},
			{
				code: '00001',
				name: 'Phúc Xá',
				type: 'ward',
				parentCode: '001',
				lat: 21.05,
				lon: 105.84,
				geometry: null,
				line: 3,
				feature: 3
			}
		]);
	});

	it('strips a BOM and takes numeric lat/lon properties when there is no Point', () => {
		const { rows, errors } = parseUnitsGeoJson(
			'\uFEFF' + collection(feature({ code: '01', name: 'A', type: 'tinh', lat: 21, lon: 105 }))
		);
		expect(errors).toEqual([]);
		expect(rows[0]).toMatchObject({ lat: 21, lon: 105, geometry: null });
	});

	it('accepts parent_code and parentCode together when they agree, null as no parent', () => {
		const { rows, errors } = parseUnitsGeoJson(
			collection(
				feature({ code: '01', name: 'A', type: 'tinh', parent_code: null }),
				feature({ code: '001', name: 'B', type: 'huyen', parent_code: '01', parentCode: '01' })
			)
		);
		expect(errors).toEqual([]);
		expect(rows.map((r) => r.parentCode)).toEqual([null, '01']);
	});

	it('reports invalid JSON once, on line 1, with the parser message', () => {
		const { rows, errors } = parseUnitsGeoJson('{"type": "FeatureCollection", "features": [');
		expect(rows).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errors[0].line).toBe(1);
		expect(errors[0].feature).toBeUndefined();
		expect(errors[0].message).toMatch(/^invalid JSON: \S/);
	});

	it('rejects anything but a FeatureCollection', () => {
		for (const doc of ['[]', '{"type":"Feature"}', '{"type":"FeatureCollection"}', '"x"', 'null']) {
			expect(parseUnitsGeoJson(doc).errors).toEqual([
				{ line: 1, message: 'expected a GeoJSON FeatureCollection with a "features" array' }
			]);
		}
	});

	it('locates each problem by its feature number', () => {
		const text = collection(
			feature({ code: '01', name: 'A', type: 'tinh' }),
			feature({ code: '02', name: '', type: 'xom' }),
			{ type: 'Point' },
			feature({ code: '01', name: 'C', type: 'tinh' })
		);
		expect(located(text)).toEqual([
			'2/2: name is required',
			'2/2: unknown type "xom"',
			'3/3: not a GeoJSON Feature (needs "type": "Feature")',
			'4/4: duplicate code "01" (first in feature 1)'
		]);
		expect(parseUnitsGeoJson(text).rows.map((r) => r.code)).toEqual(['01']);
	});

	it.each([
		[
			'a numeric code',
			{ code: 1, name: 'A', type: 'tinh' },
			'code must be a string, not the number 1 (leading zeros matter: write the code in quotes)'
		],
		[
			'a numeric parent code',
			{ code: '001', name: 'A', type: 'huyen', parent_code: 1 },
			'parent_code must be a string, not the number 1'
		],
		['a missing code', { name: 'A', type: 'tinh' }, 'code is required'],
		['a bad code', { code: 'a b', name: 'A', type: 'tinh' }, 'invalid code "a b"'],
		[
			'a non-string name',
			{ code: '01', name: ['A'], type: 'tinh' },
			'name must be a string, not an array'
		],
		[
			'a non-string type',
			{ code: '01', name: 'A', type: 3 },
			'type must be a string, not the number 3'
		],
		['a missing type', { code: '01', name: 'A' }, 'type is required'],
		[
			'disagreeing parents',
			{ code: '001', name: 'A', type: 'huyen', parent_code: '01', parentCode: '02' },
			'parent_code "01" and parentCode "02" differ'
		],
		[
			'a bad parentCode',
			{ code: '001', name: 'A', type: 'huyen', parentCode: '0 2' },
			'invalid parentCode "0 2"'
		],
		[
			'lat without lon',
			{ code: '01', name: 'A', type: 'tinh', lat: 21 },
			'lat and lon must be given together'
		],
		[
			'a string lat',
			{ code: '01', name: 'A', type: 'tinh', lat: '21', lon: 105 },
			'lat must be a number, not the string "21"'
		],
		[
			'lat out of range',
			{ code: '01', name: 'A', type: 'tinh', lat: -91, lon: 105 },
			'lat -91 is out of range'
		]
	])('rejects %s', (_, properties, message) => {
		const { rows, errors } = parseUnitsGeoJson(
			collection(feature({ code: 'X', name: 'ok', type: 'tinh' }), feature(properties))
		);
		expect(rows.map((r) => r.code)).toEqual(['X']);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ line: 2, feature: 2 });
		expect(errors[0].message).toContain(message);
	});

	it('rejects a feature without properties', () => {
		expect(located(collection({ type: 'Feature', geometry: null }))).toEqual([
			'1/1: properties are missing'
		]);
	});

	it.each([
		[
			'an unsupported type',
			{
				type: 'LineString',
				coordinates: [
					[105, 21],
					[106, 21]
				]
			},
			'unsupported geometry type "LineString"'
		],
		[
			'a string coordinate',
			{
				type: 'Polygon',
				coordinates: [
					[
						[105, 21],
						['106', 21],
						[106, 22],
						[105, 21]
					]
				]
			},
			'Polygon coordinates[0][1] is not a position'
		],
		[
			'a short ring',
			{
				type: 'Polygon',
				coordinates: [
					[
						[105, 21],
						[106, 21],
						[105, 21]
					]
				]
			},
			'Polygon coordinates[0] has 3 positions (a ring needs at least 4)'
		],
		[
			'no rings',
			{ type: 'Polygon', coordinates: [] },
			'Polygon coordinates must be a non-empty array of rings'
		],
		[
			'projected coordinates',
			{
				type: 'Polygon',
				coordinates: [
					[
						[583000, 2330000],
						[584000, 2330000],
						[584000, 2331000],
						[583000, 2330000]
					]
				]
			},
			'outside longitude/latitude range'
		],
		[
			'a bad polygon in a MultiPolygon',
			{
				type: 'MultiPolygon',
				coordinates: [
					square,
					[
						[
							[105, 21],
							[null, 21],
							[106, 22],
							[105, 21]
						]
					]
				]
			},
			'MultiPolygon coordinates[1][0][1] is not a position'
		],
		[
			'an empty MultiPolygon',
			{ type: 'MultiPolygon', coordinates: [] },
			'MultiPolygon coordinates must be a non-empty array of polygons'
		],
		['a bad Point', { type: 'Point', coordinates: [105] }, 'Point coordinates is not a position'],
		[
			'a Point off the globe',
			{ type: 'Point', coordinates: [200, 21] },
			'Point coordinates [200, 21] is outside'
		],
		['a non-object geometry', 'POLYGON((...))', 'geometry must be an object or null']
	])('rejects %s', (_, geometry, message) => {
		const errors = parseUnitsGeoJson(
			collection(feature({ code: '01', name: 'A', type: 'tinh' }, geometry))
		).errors;
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ line: 1, feature: 1 });
		expect(errors[0].message).toContain(message);
	});
});
