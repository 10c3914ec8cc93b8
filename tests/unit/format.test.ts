import { describe, expect, it } from 'vitest';
import {
	fmtDateTime,
	fmtDay,
	fmtDeltaCount,
	fmtDeltaPoints,
	fmtFeedTime,
	fmtInt,
	fmtPct
} from '../../src/lib/client/format.ts';

describe('vi-VN formats (Asia/Ho_Chi_Minh)', () => {
	it('numbers, percentages and days', () => {
		expect(fmtInt(1421)).toBe('1.421');
		expect(fmtPct(0.2147)).toBe('21,5%');
		expect(fmtPct(null)).toBe('—');
		expect(fmtDay('2026-12-01')).toBe('01/12/2026');
	});
	it('date and time in Vietnam, whatever the machine zone', () => {
		expect(fmtDateTime('2026-11-30T17:30:00Z')).toBe('01/12/2026 00:30');
	});
	it('a feed time shows the day only when it is not today in Vietnam', () => {
		const now = new Date('2026-11-30T18:50:00Z'); // 01:50 on 1 December in Vietnam
		expect(fmtFeedTime('2026-11-30T18:49:00Z', now)).toBe('01:49');
		expect(fmtFeedTime('2026-11-30T12:57:00Z', now)).toBe('30/11 19:57');
		expect(fmtFeedTime('2026-11-30T16:59:00Z', now)).toBe('30/11 23:59');
		expect(fmtFeedTime('2026-11-30T17:00:00Z', now)).toBe('00:00');
	});
	it('signed differences', () => {
		expect(fmtDeltaCount(5, 6545)).toEqual({ text: '▼ 6.540', sign: -1 });
		expect(fmtDeltaCount(3, 3)).toEqual({ text: '■ 0', sign: 0 });
		expect(fmtDeltaPoints(0.8, 0.751)).toEqual({ text: '▲ 4,9 đ.p.', sign: 1 });
		expect(fmtDeltaPoints(null, 0.5)).toBeNull();
	});
});

describe('the map scale comes from the data', async () => {
	const { domainOf, rateColor } = await import('../../src/lib/client/colors.ts');
	it('runs from the 10th percentile, so one outlier does not make the usual spread one colour', () => {
		const values = [0.6, ...Array.from({ length: 19 }, (_, i) => 0.95 + i * 0.0025)];
		const d = domainOf(values);
		expect(d.clamped).toBe(true);
		// The 10th percentile is 95 %; the spread to 99,75 % is widened to 5 points around its middle.
		expect(d.min).toBeGreaterThan(0.94);
		expect(d.max).toBeLessThan(1);
		expect(rateColor(0.96, d)).not.toBe(rateColor(0.99, d));
		expect(rateColor(0.6, d)).toBe(rateColor(d.min, d));
	});
	it('keeps small sets and tiny spreads as before', () => {
		expect(domainOf([0.5, 0.9])).toEqual({ min: 0.5, max: 0.9, clamped: false });
		expect(domainOf([])).toEqual({ min: 0, max: 1 });
	});
});
