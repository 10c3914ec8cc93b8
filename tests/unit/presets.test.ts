import { describe, expect, it } from 'vitest';
import {
	comparisonRange,
	presetRange,
	previousRange,
	rangeFromQuery
} from '../../src/lib/domain/figures/presets.ts';

describe('period presets', () => {
	it('today, month, quarter, year', () => {
		expect(presetRange('today', '2024-02-29')).toEqual({ from: '2024-02-29', to: '2024-02-29' });
		expect(presetRange('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
		expect(presetRange('quarter', '2024-11-23')).toEqual({ from: '2024-10-01', to: '2024-12-31' });
		expect(presetRange('year', '2024-11-23')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
	});
	it('previous periods', () => {
		expect(previousRange({ from: '2024-03-01', to: '2024-03-31' })).toEqual({
			from: '2024-02-01',
			to: '2024-02-29'
		});
		expect(previousRange({ from: '2024-01-01', to: '2024-03-31' })).toEqual({
			from: '2023-10-01',
			to: '2023-12-31'
		});
		expect(previousRange({ from: '2024-01-01', to: '2024-12-31' })).toEqual({
			from: '2023-01-01',
			to: '2023-12-31'
		});
		expect(previousRange({ from: '2024-03-01', to: '2024-03-01' })).toEqual({
			from: '2024-02-29',
			to: '2024-02-29'
		});
		expect(previousRange({ from: '2024-03-05', to: '2024-03-14' })).toEqual({
			from: '2024-02-24',
			to: '2024-03-04'
		});
	});
	it('a running period is compared with as many days of the previous one', () => {
		const month = { from: '2026-12-01', to: '2026-12-31' };
		expect(comparisonRange(month, '2026-12-01')).toEqual({ from: '2026-11-01', to: '2026-11-01' });
		expect(comparisonRange(month, '2026-12-20')).toEqual({ from: '2026-11-01', to: '2026-11-20' });
		expect(comparisonRange(month, '2026-12-31')).toEqual({ from: '2026-11-01', to: '2026-11-30' }); // the last day: whole months
		expect(comparisonRange({ from: '2024-03-01', to: '2024-03-31' }, '2024-03-30')).toEqual({
			from: '2024-02-01',
			to: '2024-02-29'
		});
		expect(comparisonRange({ from: '2026-01-01', to: '2026-03-31' }, '2026-02-15')).toEqual({
			from: '2025-10-01',
			to: '2025-11-15'
		});
		expect(comparisonRange({ from: '2025-01-01', to: '2025-12-31' }, '2025-11-30')).toEqual({
			from: '2024-01-01',
			to: '2024-11-30'
		});
		expect(comparisonRange({ from: '2026-03-05', to: '2026-03-14' }, '2026-03-07')).toEqual({
			from: '2026-02-23',
			to: '2026-02-25'
		});
		// past and future periods are compared whole
		expect(comparisonRange(month, '2027-01-05')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
		expect(comparisonRange(month, '2026-11-20')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
		expect(comparisonRange({ from: '2026-12-01', to: '2026-12-01' }, '2026-12-01')).toEqual({
			from: '2026-11-30',
			to: '2026-11-30'
		});
	});
	it('reads the URL, falling back to this month', () => {
		const q = (s: string) => rangeFromQuery(new URLSearchParams(s), '2024-05-20');
		expect(q('')).toEqual({ preset: 'month', range: { from: '2024-05-01', to: '2024-05-31' } });
		expect(q('p=custom&from=2024-01-03&to=2024-01-09').range).toEqual({
			from: '2024-01-03',
			to: '2024-01-09'
		});
		expect(q('p=custom&from=2024-01-09&to=2024-01-03').preset).toBe('month');
		expect(q('p=year').range.from).toBe('2024-01-01');
	});
});
