import { describe, expect, it } from 'vitest';
import { presetRange, previousRange, rangeFromQuery } from '../../src/lib/domain/figures/presets.ts';

describe('period presets', () => {
	it('today, month, quarter, year', () => {
		expect(presetRange('today', '2024-02-29')).toEqual({ from: '2024-02-29', to: '2024-02-29' });
		expect(presetRange('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
		expect(presetRange('quarter', '2024-11-23')).toEqual({ from: '2024-10-01', to: '2024-12-31' });
		expect(presetRange('year', '2024-11-23')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
	});
	it('previous periods', () => {
		expect(previousRange({ from: '2024-03-01', to: '2024-03-31' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
		expect(previousRange({ from: '2024-01-01', to: '2024-03-31' })).toEqual({ from: '2023-10-01', to: '2023-12-31' });
		expect(previousRange({ from: '2024-01-01', to: '2024-12-31' })).toEqual({ from: '2023-01-01', to: '2023-12-31' });
		expect(previousRange({ from: '2024-03-01', to: '2024-03-01' })).toEqual({ from: '2024-02-29', to: '2024-02-29' });
		expect(previousRange({ from: '2024-03-05', to: '2024-03-14' })).toEqual({ from: '2024-02-24', to: '2024-03-04' });
	});
	it('reads the URL, falling back to this month', () => {
		const q = (s: string) => rangeFromQuery(new URLSearchParams(s), '2024-05-20');
		expect(q('')).toEqual({ preset: 'month', range: { from: '2024-05-01', to: '2024-05-31' } });
		expect(q('p=custom&from=2024-01-03&to=2024-01-09').range).toEqual({ from: '2024-01-03', to: '2024-01-09' });
		expect(q('p=custom&from=2024-01-09&to=2024-01-03').preset).toBe('month');
		expect(q('p=year').range.from).toBe('2024-01-01');
	});
});
