/** Local days (UTC+7) and the Vietnamese lunar calendar. */
import { describe, expect, it } from 'vitest';
import {
	addDays,
	dayOfWeek,
	fromDayNumber,
	localDay,
	localDayStart,
	localTimeOfDayMinutes,
	toDayNumber
} from '../../src/lib/domain/calendar/days.ts';
import {
	lunarMonthLength,
	lunarToSolar,
	solarToLunar
} from '../../src/lib/domain/calendar/lunar.ts';

const iso = (s: { year: number; month: number; day: number }): string =>
	`${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;

describe('local days (Asia/Ho_Chi_Minh, UTC+7)', () => {
	it('an instant at 17:00 UTC or later is the next local day', () => {
		expect(localDay(new Date('2023-12-31T17:30:00Z'))).toBe('2024-01-01');
		expect(localDay(new Date('2023-12-31T17:00:00Z'))).toBe('2024-01-01');
		expect(localDay(new Date('2023-12-31T16:59:59.999Z'))).toBe('2023-12-31');
		expect(localDay(new Date('2024-02-29T23:30:00Z'))).toBe('2024-03-01');
		expect(localDay(new Date('1969-12-31T16:59:59Z'))).toBe('1969-12-31');
		expect(localDay(new Date('1969-12-31T17:00:00Z'))).toBe('1970-01-01');
	});

	it('a local day starts at 17:00 UTC the day before', () => {
		expect(localDayStart('2024-01-01').toISOString()).toBe('2023-12-31T17:00:00.000Z');
		expect(localDayStart('2024-03-01').toISOString()).toBe('2024-02-29T17:00:00.000Z');
		for (let n = -1000; n < 30_000; n += 37) {
			const day = fromDayNumber(n);
			expect(localDay(localDayStart(day))).toBe(day);
			expect(localDay(new Date(localDayStart(day).getTime() - 1))).toBe(addDays(day, -1));
		}
	});

	it('day numbers agree with the Date built-ins across years 0000–9999', () => {
		for (let n = -719_000; n < 2_932_000; n += 997) {
			expect(fromDayNumber(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
			expect(toDayNumber(fromDayNumber(n))).toBe(n);
		}
		expect(toDayNumber('1970-01-01')).toBe(0);
		expect(toDayNumber('2000-03-01')).toBe(11_017);
	});

	it('adds calendar days over month, leap-day and year ends', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
		expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
		expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
		expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
		expect(() => addDays('2024-01-01', 0.5)).toThrow(RangeError);
	});

	it('gives the day of the week, 0 = Sunday', () => {
		expect(dayOfWeek('1970-01-01')).toBe(4);
		expect(dayOfWeek('2024-02-10')).toBe(6);
		expect(dayOfWeek('2026-02-17')).toBe(2);
		expect(dayOfWeek('2026-04-26')).toBe(0);
		expect(dayOfWeek('1968-01-29')).toBe(1);
	});

	it('gives local minutes since midnight', () => {
		expect(localTimeOfDayMinutes(new Date('2024-01-01T04:00:00Z'))).toBe(660);
		expect(localTimeOfDayMinutes(new Date('2023-12-31T17:00:00Z'))).toBe(0);
		expect(localTimeOfDayMinutes(new Date('2023-12-31T16:59:59Z'))).toBe(1439);
		expect(localTimeOfDayMinutes(new Date('1960-06-01T00:30:00Z'))).toBe(7 * 60 + 30);
	});

	it('rejects strings that are not days', () => {
		for (const bad of [
			'2023-02-29',
			'2024-1-01',
			'2024-13-01',
			'2024-00-10',
			'2024-04-31',
			'abcd-ef-gh',
			'2024/01/01',
			''
		]) {
			expect(() => toDayNumber(bad), bad).toThrow(RangeError);
			expect(() => localDayStart(bad), bad).toThrow(RangeError);
		}
		expect(() => localDay(new Date('nope'))).toThrow(RangeError);
	});
});

describe('lunar calendar (Hồ Ngọc Đức, UTC+7)', () => {
	const TET: Record<number, string> = {
		2020: '2020-01-25',
		2021: '2021-02-12',
		2022: '2022-02-01',
		2023: '2023-01-22',
		2024: '2024-02-10',
		2025: '2025-01-29',
		2026: '2026-02-17',
		2027: '2027-02-06',
		2028: '2028-01-26',
		2029: '2029-02-13',
		// The new moon is at 16:07 UTC on 2 February 2030: 23:07 in Hà Nội,
		// 00:07 on the 3rd in Beijing. So Tết 2030 is the 2nd in Vietnam and
		// the 3rd in China (tested below), not the 3rd as some lists say.
		2030: '2030-02-02'
	};

	it('puts Tết (lunar 1/1) on the right solar day, 2020–2030', () => {
		for (const [y, day] of Object.entries(TET)) {
			expect(iso(lunarToSolar(Number(y), 1, 1)), `Tết ${y}`).toBe(day);
			const [yy, mm, dd] = day.split('-').map(Number);
			expect(solarToLunar(yy, mm, dd)).toEqual({ year: Number(y), month: 1, day: 1, leap: false });
		}
	});

	it('differs from the Chinese calendar (UTC+8) where the meridian matters', () => {
		const cases: [number, string, string][] = [
			[1968, '1968-01-29', '1968-01-30'],
			[1985, '1985-01-21', '1985-02-20'],
			[2007, '2007-02-17', '2007-02-18'],
			[2030, '2030-02-02', '2030-02-03']
		];
		for (const [y, vn, cn] of cases) {
			expect(iso(lunarToSolar(y, 1, 1)), `${y} VN`).toBe(vn);
			expect(iso(lunarToSolar(y, 1, 1, false, 8)), `${y} CN`).toBe(cn);
		}
		expect(solarToLunar(2007, 2, 17)).toEqual({ year: 2007, month: 1, day: 1, leap: false });
		expect(solarToLunar(2007, 2, 17, 8)).toEqual({ year: 2006, month: 12, day: 30, leap: false });
	});

	it('puts Giỗ Tổ Hùng Vương (lunar 10/3) on the right solar day', () => {
		const hung: Record<number, string> = {
			2022: '2022-04-10',
			2023: '2023-04-29',
			2024: '2024-04-18',
			2025: '2025-04-07',
			2026: '2026-04-26',
			2027: '2027-04-16'
		};
		for (const [y, day] of Object.entries(hung))
			expect(iso(lunarToSolar(Number(y), 3, 10)), `${y}`).toBe(day);
	});

	it('knows the leap months (2020: 4, 2023: 2, 2025: 6)', () => {
		expect(iso(lunarToSolar(2020, 4, 1, true))).toBe('2020-05-23');
		expect(iso(lunarToSolar(2023, 2, 1, true))).toBe('2023-03-22');
		expect(iso(lunarToSolar(2025, 6, 1, true))).toBe('2025-07-25');
		expect(solarToLunar(2023, 3, 22)).toEqual({ year: 2023, month: 2, day: 1, leap: true });
		expect(solarToLunar(2023, 4, 20)).toEqual({ year: 2023, month: 3, day: 1, leap: false });
		expect(() => lunarToSolar(2024, 1, 1, true)).toThrow(RangeError);
		expect(() => lunarToSolar(2023, 3, 1, true)).toThrow(RangeError);
	});

	it('knows whether the year ends on the 29th or the 30th of tháng Chạp', () => {
		expect(lunarMonthLength(2023, 12)).toBe(30); // Quý Mão: 30 Tết = 2024-02-09
		expect(iso(lunarToSolar(2023, 12, 30))).toBe('2024-02-09');
		expect(solarToLunar(2024, 2, 9)).toEqual({ year: 2023, month: 12, day: 30, leap: false });
		expect(lunarMonthLength(2024, 12)).toBe(29); // Giáp Thìn: no 30 Tết in 2025
		expect(() => lunarToSolar(2024, 12, 30)).toThrow(RangeError);
		expect(solarToLunar(2025, 1, 28)).toEqual({ year: 2024, month: 12, day: 29, leap: false });
	});

	it('round-trips every day of 1900–2100 and gives 29- or 30-day months', () => {
		const start = toDayNumber('1900-01-01');
		const end = toDayNumber('2100-12-31');
		let previous = solarToLunar(1899, 12, 31);
		for (let n = start; n <= end; n++) {
			const [y, m, d] = fromDayNumber(n).split('-').map(Number);
			const l = solarToLunar(y, m, d);
			expect(l.day >= 1 && l.day <= 30).toBe(true);
			if (l.day === 1)
				expect(previous.day === 29 || previous.day === 30, fromDayNumber(n)).toBe(true);
			else expect(l.day, fromDayNumber(n)).toBe(previous.day + 1);
			const back = lunarToSolar(l.year, l.month, l.day, l.leap);
			if (back.year !== y || back.month !== m || back.day !== d)
				expect(iso(back)).toBe(fromDayNumber(n));
			previous = l;
		}
	});

	it('rejects impossible input', () => {
		expect(() => lunarToSolar(2024, 13, 1)).toThrow(RangeError);
		expect(() => lunarToSolar(2024, 1, 31)).toThrow(RangeError);
		expect(() => lunarToSolar(2024, 1, 0)).toThrow(RangeError);
		expect(() => solarToLunar(2024, 2, 1.5)).toThrow(RangeError);
		expect(() => solarToLunar(2024, 1, 1, Number.NaN)).toThrow(RangeError);
	});
});
