/**
 * The map shown on the overview and the wall display: detailed official
 * boundaries come out simplified for the screen, the API keeps them exactly as
 * imported, and the kept copy follows every change of the registry (a new
 * import, a merger).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPositions } from '../../src/lib/domain/units/screen-geometry.ts';
import { importMergers } from '../../src/lib/server/units/mergers.ts';
import { importUnits } from '../../src/lib/server/units/import.ts';
import { screenGeo } from '../../src/lib/server/queries/geo.ts';
import { BACKENDS, createTestApp, key, request, type TestDb } from './harness.ts';

function ring(cx: number, cy: number, r: number, n: number): number[][] {
	const out: number[][] = [];
	for (let i = 0; i < n; i++) {
		const a = (2 * Math.PI * i) / n;
		const rr = r * (1 + 0.05 * Math.sin(9 * a));
		out.push([+(cx + rr * Math.cos(a)).toFixed(7), +(cy + rr * Math.sin(a)).toFixed(7)]);
	}
	out.push(out[0]);
	return out;
}

const unit = (
	code: string,
	name: string,
	type: string,
	parent: string | null,
	geometry: unknown
) => ({
	type: 'Feature',
	properties: { code, name, type, parent_code: parent },
	geometry
});
const geojson = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const province = unit('88', 'Tỉnh Bản Đồ', 'province', null, null);
const communes = (n: number) => [
	unit('88001', 'Xã Một', 'commune', '88', {
		type: 'Polygon',
		coordinates: [ring(105.5, 21, 0.1, n)]
	}),
	unit('88002', 'Xã Hai', 'commune', '88', {
		type: 'Polygon',
		coordinates: [ring(105.75, 21, 0.1, n)]
	}),
	unit('88003', 'Xã Ba', 'commune', '88', {
		type: 'Polygon',
		coordinates: [ring(105.6, 21.2, 0.1, n)]
	})
];

describe.each(BACKENDS)('map geometry for the screen on %s', (backend) => {
	let t: TestDb;
	let read: string;
	beforeAll(async () => {
		t = await createTestApp(backend);
		const r = await importUnits(
			t.app.database,
			'units.geojson',
			geojson([province, ...communes(5000)])
		);
		expect(r.ok).toBe(true);
		read = await key(t.app, 'read', '88');
	});
	afterAll(() => t.drop());

	it('simplifies for the screen while the API keeps the geometry as imported', async () => {
		const api = await request(t.app, 'GET', '/api/v1/units/88/geo?level=children', { token: read });
		expect(api.status).toBe(200);
		expect(api.json.features.map((f: { geometry: unknown }) => f.geometry)).toEqual(
			communes(5000).map((f) => f.geometry)
		);
		const screen = await screenGeo(t.app.database, '88');
		expect(screen.features.map((f) => f.properties.code)).toEqual(['88001', '88002', '88003']);
		const before = countPositions(api.json.features);
		const after = countPositions(screen.features);
		expect(before).toBe(3 * 5001);
		expect(after).toBeLessThan(before / 10);
		// asked again: the kept copy
		expect(await screenGeo(t.app.database, '88')).toBe(screen);
	});

	it('follows a new import and a merger', async () => {
		const first = await screenGeo(t.app.database, '88');
		const r = await importUnits(t.app.database, 'units.geojson', geojson(communes(400)));
		expect(r.ok).toBe(true);
		const second = await screenGeo(t.app.database, '88');
		expect(second).not.toBe(first);
		expect(countPositions(second.features)).toBeLessThan(countPositions(first.features));
		const m = await importMergers(
			t.app.database,
			'old_code,new_code,effective_date\n88003,88002,2025-07-01\n'
		);
		expect(m.ok).toBe(true);
		expect((await screenGeo(t.app.database, '88')).features.map((f) => f.properties.code)).toEqual([
			'88001',
			'88002'
		]);
	});
});
