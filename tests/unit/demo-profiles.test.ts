/** Demo names, unit profiles and settings: unique, plausible, deterministic. */
import { describe, expect, it } from 'vitest';
import { demoConfig, DEFAULT_DOSSIERS } from '../../src/lib/server/demo/config.ts';
import { placeNames, provinceName } from '../../src/lib/server/demo/names.ts';
import { buildProfiles, onlineShare } from '../../src/lib/server/demo/profiles.ts';
import { generateProvince } from '../../src/lib/server/demo/province.ts';

describe('demo names', () => {
	it('says the province is sample data', () => {
		expect(provinceName(20250701).full).toBe('Tỉnh Minh Sơn (dữ liệu mẫu)');
		for (const seed of [1, 2, 3, 42])
			expect(provinceName(seed).full).toMatch(/^Tỉnh \S+ \S+ \(dữ liệu mẫu\)$/);
	});
	it('gives unique Vietnamese unit names, with the type in front', () => {
		for (const districts of [0, 6]) {
			const names = generateProvince({ seed: 20250701, districts }).units.map((u) => u.name);
			expect(new Set(names).size).toBe(names.length);
			const bases = names.map((n) =>
				n
					.replace(/^(Tỉnh|Huyện|Thành phố|Phường|Xã|Thị trấn) /, '')
					.replace(/ \(dữ liệu mẫu\)$/, '')
			);
			expect(new Set(bases).size).toBe(bases.length);
			for (const n of names.slice(1))
				expect(n).toMatch(/^(Huyện|Thành phố|Phường|Xã|Thị trấn) \p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
		}
		const many = placeNames(5, 800);
		expect(new Set(many).size).toBe(800);
		expect(placeNames(5, 50)).toEqual(placeNames(5, 50));
	});
});

describe('demo profiles', () => {
	const province = generateProvince({ seed: 20250701 });
	const profiles = [...buildProfiles(20250701, province.counters).values()];

	it('are deterministic for a seed and the unit codes', () => {
		expect([...buildProfiles(20250701, province.counters).values()]).toEqual(profiles);
		expect([...buildProfiles(99, province.counters).values()]).not.toEqual(profiles);
	});

	it('look like a province: sizes, rising online share, mostly on time, a few chronically late, one or two phantom units', () => {
		expect(profiles).toHaveLength(100);
		for (const p of profiles) {
			const big = p.type === 'ward' || p.type === 'township';
			expect(p.size).toBeGreaterThanOrEqual(big ? 10 : 2);
			expect(p.size).toBeLessThanOrEqual(big ? 40 : 15);
			expect(onlineShare(p, 1)).toBeGreaterThan(onlineShare(p, 0));
			expect(p.ratingRate).toBeGreaterThanOrEqual(0.1);
			expect(p.ratingRate).toBeLessThanOrEqual(0.4);
			expect(p.levels[2]).toBeLessThan(0.05);
		}
		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
		expect(mean(profiles.map((p) => onlineShare(p, 0)))).toBeCloseTo(0.35, 1);
		expect(mean(profiles.map((p) => onlineShare(p, 1)))).toBeGreaterThan(0.6);
		const late = profiles.filter((p) => p.lateRate >= 0.1);
		expect(late.length).toBeGreaterThanOrEqual(1);
		expect(late.length).toBeLessThanOrEqual(6);
		expect(profiles.filter((p) => p.lateRate <= 0.03).length).toBeGreaterThan(90);
		const phantom = profiles.filter((p) => p.phantomRate > 0);
		expect(phantom.length).toBeGreaterThanOrEqual(1);
		expect(phantom.length).toBeLessThanOrEqual(2);
		// a few units whose officers file "online" dossiers for citizens at the counter
		expect(profiles.filter((p) => p.onBehalfRate > 0).length).toBe(3);
		// and two whose software sends results late
		expect(profiles.filter((p) => p.syncLagRate > 0).length).toBe(2);
		expect(mean(profiles.filter((p) => p.type === 'ward').map((p) => p.size))).toBeGreaterThan(
			mean(profiles.filter((p) => p.type === 'commune').map((p) => p.size))
		);
	});
});

describe('demo settings', () => {
	it('defaults, DEMO=0, overrides and bad values', () => {
		expect(demoConfig({})).toEqual({
			enabled: true,
			dossiers: DEFAULT_DOSSIERS,
			rate: 2,
			seed: 20250701,
			districts: 0
		});
		expect(demoConfig({ DEMO: '0' }).enabled).toBe(false);
		expect(
			demoConfig({ DEMO_DOSSIERS: '3000', DEMO_RATE: '0.5', DEMO_DISTRICTS: '6' })
		).toMatchObject({ dossiers: 3000, rate: 0.5, districts: 6 });
		const warnings: string[] = [];
		expect(
			demoConfig({ DEMO_DOSSIERS: 'lots', DEMO_RATE: '-1' }, (w) => warnings.push(w))
		).toMatchObject({ dossiers: DEFAULT_DOSSIERS, rate: 2 });
		expect(warnings).toHaveLength(2);
	});
});
