import { describe, expect, it } from 'vitest';
import { buildWallMap, shortName, MAP_WIDTH } from '../../src/lib/domain/units/wall-map.ts';
import { dailyReloadDue } from '../../src/routes/display/[code]/reload.ts';

const square = (x: number, y: number, w: number, h: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[x, y],
			[x + w, y],
			[x + w, y + h],
			[x, y + h],
			[x, y]
		]
	]
});

describe('wall map shapes', () => {
	it('projects units into the drawing, labels those whose name fits, and skips tiny ones', () => {
		const map = buildWallMap([
			{ geometry: square(105, 20, 0.5, 0.5), properties: { code: 'A', name: 'Phường Ba Đình' } },
			{ geometry: square(105.5, 20, 0.5, 0.5), properties: { code: 'B', name: 'Xã Hà Lan' } },
			{
				geometry: square(105.2, 20.6, 0.004, 0.004),
				properties: { code: 'C', name: 'Xã Một Cái Tên Rất Dài Không Vừa' }
			}
		]);
		expect(map.width).toBe(MAP_WIDTH);
		expect(map.units.map((u) => u.code)).toEqual(['A', 'B', 'C']);
		for (const u of map.units) expect(u.d).toMatch(/^M[\d.]+ [\d.]+L.*Z$/);
		const [a, b, c] = map.units;
		expect(a.label?.lines.join(' ')).toBe('Ba Đình');
		expect(b.label?.lines.join(' ')).toBe('Hà Lan');
		expect(c.label).toBeNull();
		// Every coordinate lies inside the drawing.
		for (const u of map.units)
			for (const [x, y] of u
				.d!.slice(1, -1)
				.split(/[LMZ]+/)
				.map((p) => p.split(' ').map(Number))) {
				expect(x).toBeGreaterThanOrEqual(0);
				expect(x).toBeLessThanOrEqual(map.width);
				expect(y).toBeGreaterThanOrEqual(0);
				expect(y).toBeLessThanOrEqual(map.height);
			}
		// The label sits inside its own square (A is the west half).
		expect(a.label!.x).toBeLessThan(b.label!.x);
	});

	it('falls back to points for units without geometry, and to an empty map without any', () => {
		const map = buildWallMap([
			{
				geometry: { type: 'Point', coordinates: [105, 20] },
				properties: { code: 'P', name: 'Xã Điểm' }
			},
			{ geometry: null, properties: { code: 'Q', name: 'Xã Tọa Độ', lat: 20.5, lon: 105.5 } }
		]);
		expect(map.units.every((u) => u.d === null && u.cx >= 0 && u.label !== null)).toBe(true);
		expect(
			buildWallMap([{ geometry: null, properties: { code: 'Z', name: 'Xã Không' } }]).units
		).toEqual([]);
	});

	it('shortens unit names for the map', () => {
		expect(shortName('Phường Ba Đình')).toBe('Ba Đình');
		expect(shortName('Thị trấn Nga Sơn')).toBe('Nga Sơn');
		expect(shortName('Xã')).toBe('Xã');
	});
});

describe('daily reload', () => {
	const at = (iso: string) => new Date(iso);
	it('is due once the local day has changed and the quiet hour (03:00 Asia/Ho_Chi_Minh) has come', () => {
		const loaded = at('2025-03-10T09:00:00+07:00');
		expect(dailyReloadDue(loaded, at('2025-03-10T23:59:00+07:00'))).toBe(false);
		expect(dailyReloadDue(loaded, at('2025-03-11T02:59:00+07:00'))).toBe(false);
		expect(dailyReloadDue(loaded, at('2025-03-11T03:00:00+07:00'))).toBe(true);
		// A screen asleep through the quiet hour reloads when it wakes.
		expect(dailyReloadDue(loaded, at('2025-03-12T10:00:00+07:00'))).toBe(true);
		// Loaded after the quiet hour: not again the same day.
		expect(dailyReloadDue(at('2025-03-11T03:01:00+07:00'), at('2025-03-11T22:00:00+07:00'))).toBe(
			false
		);
	});
});
