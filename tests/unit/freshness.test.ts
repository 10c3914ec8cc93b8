/** Freshness rules (docs/domain.md#freshness): working hours back from now, silence, nearest-rank lags, lag in words. */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/lib/domain/calendar/index.ts';
import { lagStats, lagWords, nearestRank } from '../../src/lib/domain/freshness/lag.ts';
import { isSilent, workingHoursBefore } from '../../src/lib/domain/freshness/working-hours.ts';

const cal = createCalendar();
const at = (s: string) => new Date(s);
const back = (now: string, h: number) => workingHoursBefore(cal, at(now), h).toISOString();

describe('working hours before now', () => {
	it('counts 07:30–11:30 and 13:30–17:00 only', () => {
		// Wednesday 2026-03-04 10:00: 2.5 h this morning, 3.5 h Tuesday afternoon, 2 h of Tuesday morning.
		expect(back('2026-03-04T10:00:00+07:00', 8)).toBe(
			at('2026-03-03T09:30:00+07:00').toISOString()
		);
		// Lunch is not counted: at 13:00 the morning's 4 h are the last ones.
		expect(back('2026-03-04T13:00:00+07:00', 4)).toBe(
			at('2026-03-04T07:30:00+07:00').toISOString()
		);
		expect(back('2026-03-04T14:00:00+07:00', 1)).toBe(
			at('2026-03-04T11:00:00+07:00').toISOString()
		);
	});
	it('skips weekends and holidays of the calendar', () => {
		// Monday 2026-03-09 08:30: 1 h today, then Friday 06/03 (7.5 h): 8 h before is Friday 08:00.
		expect(back('2026-03-09T08:30:00+07:00', 8)).toBe(
			at('2026-03-06T08:00:00+07:00').toISOString()
		);
		// 2 September 2026 (Wednesday) is National Day, 1 September the day off next to it: Thursday 03/09 09:00 reaches back to Monday 31/08.
		const r = back('2026-09-03T09:00:00+07:00', 8);
		expect(r < at('2026-09-01T00:00:00+07:00').toISOString()).toBe(true);
		const withOverride = createCalendar({ daysOff: [], workingDays: ['2026-03-07'] });
		expect(workingHoursBefore(withOverride, at('2026-03-09T08:30:00+07:00'), 8).toISOString()).toBe(
			at('2026-03-07T08:00:00+07:00').toISOString()
		);
	});
	it('a unit is silent with nothing accepted since then, and always when it never sent', () => {
		const now = at('2026-03-04T10:00:00+07:00');
		expect(isSilent(cal, now, at('2026-03-03T09:29:00+07:00'))).toBe(true);
		expect(isSilent(cal, now, at('2026-03-03T09:31:00+07:00'))).toBe(false);
		expect(isSilent(cal, now, null)).toBe(true);
	});
});

describe('lags', () => {
	it('are nearest-rank percentiles, negative as 0', () => {
		expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
		expect(nearestRank([1, 2, 3, 4, 5], 0.5)).toBe(3);
		expect(lagStats([-5, 40, 7300, 60, 10])).toEqual({ p50: 40, p95: 7300, n: 5 });
		expect(lagStats([])).toBeNull();
		const many = Array.from({ length: 100 }, (_, i) => i + 1);
		expect(lagStats(many)).toEqual({ p50: 50, p95: 95, n: 100 });
	});
	it('read in words', () => {
		expect(lagWords(30)).toBe('kịp thời');
		expect(lagWords(40 * 60)).toBe('chậm 40 phút');
		expect(lagWords(2 * 3600 + 100)).toBe('chậm 2 giờ');
		expect(lagWords(3 * 86400)).toBe('chậm 3 ngày');
	});
});
