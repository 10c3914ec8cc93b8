/** The working-day calendar: precedence of overrides, schedules, rules, weekends; deadlines. */
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, localDay } from '../../src/lib/domain/calendar/days.ts';
import { createCalendar, EXTRA_DAY_OFF_NAME } from '../../src/lib/domain/calendar/index.ts';
import { HOLIDAYS as FIXTURE_HOLIDAYS } from '../fixtures/calendar.ts';

/** A local (UTC+7) wall-clock time. */
const vn = (s: string): Date => new Date(`${s}+07:00`);
/** The local wall-clock time of an instant, 'YYYY-MM-DDTHH:MM:SS.mmm'. */
const wall = (d: Date): string => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 23);

const cal = createCalendar();

describe('isWorkingDay and holidayName', () => {
	it('weekends are off, weekdays on', () => {
		expect(cal.isWorkingDay('2027-03-05')).toBe(true); // Friday
		expect(cal.isWorkingDay('2027-03-06')).toBe(false); // Saturday
		expect(cal.isWorkingDay('2027-03-07')).toBe(false); // Sunday
		expect(cal.holidayName('2027-03-06')).toBeNull();
	});

	it('uses the rules in a year without an announcement (2027)', () => {
		for (const d of [
			'2027-01-01',
			'2027-02-05',
			'2027-02-08',
			'2027-02-10',
			'2027-02-11',
			'2027-04-16',
			'2027-04-30',
			'2027-05-03',
			'2027-09-01',
			'2027-09-02'
		]) {
			expect(cal.isWorkingDay(d), d).toBe(false);
		}
		expect(cal.isWorkingDay('2027-02-12')).toBe(true);
		expect(cal.holidayName('2027-02-06')).toBe('Tết Nguyên đán');
		expect(cal.holidayName('2027-02-10')).toBe('Nghỉ bù Tết Nguyên đán');
		expect(cal.holidayName('2027-02-12')).toBeNull();
	});

	it('an announced year replaces the rules (2024: Tết 8–14/2, Saturday 4/5 worked)', () => {
		expect(cal.isWorkingDay('2024-02-08')).toBe(false); // the rules say working
		expect(cal.isWorkingDay('2024-02-15')).toBe(true); // the rules say nghỉ bù
		expect(cal.isWorkingDay('2024-04-29')).toBe(false);
		expect(cal.isWorkingDay('2024-05-04')).toBe(true); // Saturday, make-up
		expect(cal.holidayName('2024-05-04')).toBeNull();
		expect(cal.holidayName('2024-02-08')).toBe('Tết Nguyên đán');
		expect(cal.holidayName('2024-04-29')).toMatch(/hoán đổi/);
	});

	it('2025 and 2026 follow their announcements', () => {
		expect(cal.isWorkingDay('2025-01-24')).toBe(true);
		expect(cal.isWorkingDay('2025-01-27')).toBe(false); // the rules say working
		expect(cal.isWorkingDay('2025-02-03')).toBe(true); // the rules say nghỉ bù
		expect(cal.isWorkingDay('2025-04-26')).toBe(true);
		expect(cal.isWorkingDay('2025-05-02')).toBe(false);
		expect(cal.isWorkingDay('2026-01-02')).toBe(false);
		expect(cal.isWorkingDay('2026-01-10')).toBe(true);
		expect(cal.isWorkingDay('2026-02-20')).toBe(false);
		expect(cal.isWorkingDay('2026-02-23')).toBe(true);
		expect(cal.isWorkingDay('2026-04-27')).toBe(false);
		expect(cal.isWorkingDay('2026-08-22')).toBe(true);
		expect(cal.isWorkingDay('2026-08-31')).toBe(false);
	});

	it('matches the fixture calendar on every day of 2022–2023', () => {
		for (let d = '2022-01-01'; d <= '2023-12-31'; d = addDays(d, 1)) {
			const expected = dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6 && !FIXTURE_HOLIDAYS.has(d);
			expect(cal.isWorkingDay(d), d).toBe(expected);
		}
	});
});

describe('overrides', () => {
	it('overrides.workingDays beat everything, overrides.daysOff beat schedules and rules', () => {
		const c = createCalendar({
			daysOff: ['2027-03-08', '2024-05-04', '2027-03-09'],
			workingDays: ['2027-02-10', '2024-02-14', '2027-03-13', '2027-03-09']
		});
		expect(c.isWorkingDay('2027-03-08')).toBe(false); // extra day off
		expect(c.holidayName('2027-03-08')).toBe(EXTRA_DAY_OFF_NAME);
		expect(c.isWorkingDay('2024-05-04')).toBe(false); // beats the announced make-up Saturday
		expect(c.isWorkingDay('2027-02-10')).toBe(true); // beats a rule nghỉ bù
		expect(c.holidayName('2027-02-10')).toBeNull();
		expect(c.isWorkingDay('2024-02-14')).toBe(true); // beats an announced Tết day
		expect(c.isWorkingDay('2027-03-13')).toBe(true); // a Saturday worked
		expect(c.isWorkingDay('2027-03-09')).toBe(true); // in both lists: working wins
	});

	it('keeps a holiday’s own name when the admin also lists it as a day off', () => {
		const c = createCalendar({ daysOff: ['2027-04-16'], workingDays: [] });
		expect(c.holidayName('2027-04-16')).toBe('Giỗ Tổ Hùng Vương');
	});

	it('does not leak into other calendars', () => {
		const c = createCalendar({ daysOff: ['2027-03-10'], workingDays: ['2027-02-11'] });
		expect(c.isWorkingDay('2027-03-10')).toBe(false);
		expect(createCalendar().isWorkingDay('2027-03-10')).toBe(true);
		expect(cal.isWorkingDay('2027-02-11')).toBe(false);
		expect(cal.holidayName('2027-03-10')).toBeNull();
	});

	it('rejects malformed days', () => {
		expect(() => createCalendar({ daysOff: ['2024-02-30'], workingDays: [] })).toThrow(RangeError);
		expect(() => createCalendar({ daysOff: [], workingDays: ['24-05-04'] })).toThrow(RangeError);
		expect(() => cal.isWorkingDay('2024-5-4')).toThrow(RangeError);
	});
});

describe('addWorkingDays', () => {
	const due = (start: string, days: number, c = cal): string =>
		wall(c.addWorkingDays(vn(start), days));

	it('whole days keep the time of day, to the millisecond', () => {
		expect(due('2024-05-06T09:15:00', 3)).toBe('2024-05-09T09:15:00.000'); // Mon → Thu
		expect(due('2024-05-06T09:15:42.123', 1)).toBe('2024-05-07T09:15:42.123');
		expect(due('2024-05-06T12:10:00', 1)).toBe('2024-05-07T12:10:00.000'); // lunch time is kept
	});

	it('skips weekends', () => {
		expect(due('2024-05-10T10:00:00', 1)).toBe('2024-05-13T10:00:00.000'); // Fri → Mon
		expect(due('2024-05-10T10:00:00', 5)).toBe('2024-05-17T10:00:00.000');
		expect(due('2024-05-10T10:00:00', 10)).toBe('2024-05-24T10:00:00.000');
	});

	it('skips holidays and Tết (announced 2024, rules 2027)', () => {
		expect(due('2024-02-07T09:00:00', 1)).toBe('2024-02-15T09:00:00.000');
		expect(due('2024-02-07T09:00:00', 2)).toBe('2024-02-16T09:00:00.000');
		expect(due('2027-02-04T14:00:00', 1)).toBe('2027-02-12T14:00:00.000');
		expect(due('2024-04-26T08:30:00', 1)).toBe('2024-05-02T08:30:00.000');
		expect(due('2024-04-26T08:30:00', 3)).toBe('2024-05-04T08:30:00.000'); // the make-up Saturday counts
		expect(due('2025-12-31T10:00:00', 1)).toBe('2026-01-05T10:00:00.000'); // over New Year 2026 (1–4/1)
		expect(due('2026-01-09T10:00:00', 1)).toBe('2026-01-10T10:00:00.000'); // Saturday 10/1 is worked
	});

	it('starts the clock at 07:30 before opening, and at 08:00 of the next working day after 17:00 or on a day off', () => {
		expect(due('2024-05-06T06:00:00', 1)).toBe('2024-05-07T07:30:00.000');
		expect(due('2024-05-06T16:59:59', 1)).toBe('2024-05-07T16:59:59.000');
		expect(due('2024-05-06T17:00:00', 1)).toBe('2024-05-08T08:00:00.000');
		expect(due('2024-05-11T10:00:00', 1)).toBe('2024-05-14T08:00:00.000'); // Saturday → clock Monday
		expect(due('2024-09-02T10:00:00', 1)).toBe('2024-09-05T08:00:00.000'); // Quốc khánh → clock 4/9
	});

	it('counts days at UTC+7: 2023-12-31T17:30Z is 00:30 on 1 January, a holiday', () => {
		expect(wall(cal.addWorkingDays(new Date('2023-12-31T17:30:00Z'), 1))).toBe(
			'2024-01-03T08:00:00.000'
		);
		// Sunday 5/5 17:30 UTC is Monday 00:30 local: clock starts 07:30 Monday.
		expect(cal.addWorkingDays(new Date('2024-05-05T17:30:00Z'), 1).toISOString()).toBe(
			'2024-05-07T00:30:00.000Z'
		);
	});

	it('0 days: 17:00 of the receipt’s working day', () => {
		expect(due('2024-05-06T09:00:00', 0)).toBe('2024-05-06T17:00:00.000');
		expect(due('2024-05-06T06:00:00', 0)).toBe('2024-05-06T17:00:00.000');
		expect(due('2024-05-06T18:00:00', 0)).toBe('2024-05-07T17:00:00.000');
		expect(due('2024-05-11T09:00:00', 0)).toBe('2024-05-13T17:00:00.000');
	});

	it('half a day: before 11:00 → 16:30 the same day; from 11:00 → 11:00 next working day', () => {
		expect(due('2024-05-06T10:59:59', 0.5)).toBe('2024-05-06T16:30:00.000');
		expect(due('2024-05-06T11:00:00', 0.5)).toBe('2024-05-07T11:00:00.000');
		expect(due('2024-05-06T15:00:00', 0.5)).toBe('2024-05-07T11:00:00.000');
		expect(due('2024-05-10T14:00:00', 0.5)).toBe('2024-05-13T11:00:00.000'); // Friday afternoon → Monday
		expect(due('2024-02-07T13:00:00', 0.5)).toBe('2024-02-15T11:00:00.000'); // over Tết
		expect(due('2024-05-06T06:00:00', 0.5)).toBe('2024-05-06T16:30:00.000'); // clock 07:30
		expect(due('2024-05-06T17:30:00', 0.5)).toBe('2024-05-07T16:30:00.000'); // clock 08:00 next day
	});

	it('the .5 of 1.5, 2.5 … applies after the whole days', () => {
		expect(due('2024-05-06T10:00:00', 1.5)).toBe('2024-05-07T16:30:00.000');
		expect(due('2024-05-06T14:00:00', 1.5)).toBe('2024-05-08T11:00:00.000');
		expect(due('2024-05-09T11:00:00', 2.5)).toBe('2024-05-14T11:00:00.000'); // Thu → Mon 11:00 → Tue 11:00
	});

	it('uses the overrides', () => {
		const c = createCalendar({ daysOff: ['2027-03-09'], workingDays: ['2027-03-13'] });
		expect(due('2027-03-08T09:00:00', 1, c)).toBe('2027-03-10T09:00:00.000');
		expect(due('2027-03-12T09:00:00', 1, c)).toBe('2027-03-13T09:00:00.000');
		expect(due('2027-03-08T09:00:00', 1)).toBe('2027-03-09T09:00:00.000');
	});

	it('rejects negative, NaN, infinite and non-half processing days, and invalid dates', () => {
		const at = vn('2024-05-06T09:00:00');
		for (const bad of [-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, 0.3, 1.25, 1e6]) {
			expect(() => cal.addWorkingDays(at, bad), String(bad)).toThrow(RangeError);
		}
		expect(() => cal.addWorkingDays(at, '1' as unknown as number)).toThrow(RangeError);
		expect(() => cal.addWorkingDays(new Date('nope'), 1)).toThrow(RangeError);
	});

	// Monotonic from 0.5 up. 0 days (17:00) is NOT: 0.5 received before 11:00 is
	// due at 16:30 the same day, half an hour before 0 days would be.
	it('always lands on a working day, after the start, and never earlier for more days (from 0.5)', () => {
		let seed = 12345;
		const rnd = (): number =>
			(seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
		const base = vn('2023-12-20T00:00:00').getTime();
		for (let i = 0; i < 3000; i++) {
			const start = new Date(base + Math.floor(rnd() * 3 * 365 * 86_400_000));
			let previous = -Infinity;
			expect(cal.isWorkingDay(localDay(cal.addWorkingDays(start, 0)))).toBe(true);
			for (let p = 0.5; p <= 6; p += 0.5) {
				const d = cal.addWorkingDays(start, p);
				expect(cal.isWorkingDay(localDay(d)), `${start.toISOString()} + ${p}`).toBe(true);
				expect(d.getTime()).toBeGreaterThan(start.getTime());
				expect(d.getTime()).toBeGreaterThanOrEqual(previous);
				previous = d.getTime();
			}
		}
	});

	it('is fast enough to run for every ingested event', () => {
		const c = createCalendar({ daysOff: ['2025-03-03'], workingDays: ['2025-03-08'] });
		const base = vn('2024-01-02T09:00:00').getTime();
		const t0 = performance.now();
		for (let i = 0; i < 200_000; i++)
			c.addWorkingDays(new Date(base + (i % 5000) * 3_600_000), (i % 31) / 2);
		expect(performance.now() - t0).toBeLessThan(2000);
	});
});
