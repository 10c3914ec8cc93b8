/** Labour Code holiday rules and the schedules the government announced. */
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from '../../src/lib/domain/calendar/days.ts';
import { holidaysOfYear } from '../../src/lib/domain/calendar/holidays.ts';
import { ANNOUNCED_SCHEDULES, announcedSchedule } from '../../src/lib/domain/calendar/schedules.ts';
import { HOLIDAYS as FIXTURE_HOLIDAYS } from '../fixtures/calendar.ts';

const isWeekend = (day: string): boolean => dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
const dates = (year: number): string[] => holidaysOfYear(year).map((h) => h.date);
const nameOf = (year: number, day: string): string | undefined =>
	holidaysOfYear(year).find((h) => h.date === day)?.name;

describe('holiday rules (Bộ luật Lao động 2019)', () => {
	it('gives the whole 2027 list: Tết with its weekend made up after it, 1 May on a Saturday', () => {
		expect(holidaysOfYear(2027)).toEqual([
			{ date: '2027-01-01', name: 'Tết Dương lịch' },
			{ date: '2027-02-05', name: 'Tết Nguyên đán' }, // 29 Chạp, the last day of Bính Ngọ
			{ date: '2027-02-06', name: 'Tết Nguyên đán' }, // mùng 1, Saturday
			{ date: '2027-02-07', name: 'Tết Nguyên đán' }, // Sunday
			{ date: '2027-02-08', name: 'Tết Nguyên đán' },
			{ date: '2027-02-09', name: 'Tết Nguyên đán' },
			{ date: '2027-02-10', name: 'Nghỉ bù Tết Nguyên đán' },
			{ date: '2027-02-11', name: 'Nghỉ bù Tết Nguyên đán' },
			{ date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
			{ date: '2027-04-30', name: 'Ngày Chiến thắng' },
			{ date: '2027-05-01', name: 'Ngày Quốc tế Lao động' },
			{ date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động' },
			{ date: '2027-09-01', name: 'Quốc khánh (ngày liền kề)' },
			{ date: '2027-09-02', name: 'Quốc khánh' }
		]);
	});

	it('starts Tết on the last day of the lunar year, the 30th or the 29th of tháng Chạp', () => {
		expect(dates(2024).filter((d) => nameOf(2024, d) === 'Tết Nguyên đán')).toEqual([
			'2024-02-09', // 30 Chạp Quý Mão
			'2024-02-10',
			'2024-02-11',
			'2024-02-12',
			'2024-02-13'
		]);
		expect(dates(2025).filter((d) => nameOf(2025, d) === 'Tết Nguyên đán')).toEqual([
			'2025-01-28', // 29 Chạp Giáp Thìn (no 30th that year)
			'2025-01-29',
			'2025-01-30',
			'2025-01-31',
			'2025-02-01'
		]);
	});

	it('puts Giỗ Tổ on lunar 10/3 and makes up a Sunday on the Monday', () => {
		expect(nameOf(2024, '2024-04-18')).toBe('Giỗ Tổ Hùng Vương');
		expect(nameOf(2025, '2025-04-07')).toBe('Giỗ Tổ Hùng Vương');
		expect(nameOf(2026, '2026-04-26')).toBe('Giỗ Tổ Hùng Vương');
		expect(nameOf(2026, '2026-04-27')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
	});

	it('makes up weekend holidays on the next weekday that is not itself a holiday', () => {
		// 2022: 1/1 Saturday → Monday 3/1, not Sunday 2/1.
		expect(nameOf(2022, '2022-01-02')).toBeUndefined();
		expect(nameOf(2022, '2022-01-03')).toBe('Nghỉ bù Tết Dương lịch');
		// 2022: 30/4 Saturday and 1/5 Sunday → 2/5 and 3/5.
		expect(nameOf(2022, '2022-05-02')).toBe('Nghỉ bù Ngày Chiến thắng');
		expect(nameOf(2022, '2022-05-03')).toBe('Nghỉ bù Ngày Quốc tế Lao động');
		// 2023: Giỗ Tổ Saturday 29/4, 30/4 Sunday, 1/5 Monday → 2/5 and 3/5.
		expect(nameOf(2023, '2023-05-02')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
		expect(nameOf(2023, '2023-05-03')).toBe('Nghỉ bù Ngày Chiến thắng');
		// 2029: 1/9 Saturday and 2/9 Sunday → 3/9 and 4/9.
		expect(dates(2029).filter((d) => d.startsWith('2029-09'))).toEqual([
			'2029-09-01',
			'2029-09-02',
			'2029-09-03',
			'2029-09-04'
		]);
		expect(nameOf(2029, '2029-09-04')).toBe('Nghỉ bù Quốc khánh');
	});

	it('agrees with the fixture calendar for 2022, a year the announcement matched the rules', () => {
		const weekdaysOff = dates(2022).filter((d) => !isWeekend(d));
		expect(weekdaysOff).toEqual([...FIXTURE_HOLIDAYS].filter((d) => d.startsWith('2022-')).sort());
	});

	it('takes 3 September instead when asked', () => {
		const after = holidaysOfYear(2027, { nationalDayAdjacent: 'after' }).map((h) => h.date);
		expect(after.filter((d) => d.startsWith('2027-09'))).toEqual(['2027-09-02', '2027-09-03']);
	});

	it('gives eleven weekdays off in every year 1950–2150, sorted, unique and inside the year', () => {
		for (let y = 1950; y <= 2150; y++) {
			const list = dates(y);
			expect(
				list.every((d) => d.startsWith(`${y}-`)),
				`${y}`
			).toBe(true);
			expect([...list].sort(), `${y}`).toEqual(list);
			expect(new Set(list).size, `${y}`).toBe(list.length);
			expect(list.filter((d) => !isWeekend(d)).length, `${y}`).toBe(11);
		}
	});

	it('rejects a bad year', () => {
		expect(() => holidaysOfYear(2024.5)).toThrow(RangeError);
	});
});

describe('announced schedules', () => {
	it('covers 2024, 2025 and 2026, each with its source', () => {
		const years = ANNOUNCED_SCHEDULES.map((s) => s.year);
		for (const y of [2024, 2025, 2026]) expect(years).toContain(y);
		expect(announcedSchedule(2024)?.source).toMatch(/5015\/TB-LĐTBXH/);
		expect(announcedSchedule(2025)?.source).toMatch(/6150\/TB-LĐTBXH/);
		expect(announcedSchedule(2026)?.source).toMatch(/9441\/TB-BNV/);
		expect(announcedSchedule(2027)).toBeNull();
	});

	it('is consistent: days in the year, make-up days on weekends, no day both off and worked', () => {
		for (const s of ANNOUNCED_SCHEDULES) {
			expect(s.source.length).toBeGreaterThan(10);
			const off = new Set(s.daysOff.map((h) => h.date));
			expect(off.size, `${s.year} duplicates`).toBe(s.daysOff.length);
			for (const h of [...s.daysOff, ...s.workingDays])
				expect(h.date.startsWith(`${s.year}-`), h.date).toBe(true);
			for (const h of s.workingDays) {
				expect(isWeekend(h.date), h.date).toBe(true);
				expect(off.has(h.date), h.date).toBe(false);
			}
		}
	});

	it('nets out to the Labour Code’s eleven days each year (weekdays off minus make-up days)', () => {
		for (const s of ANNOUNCED_SCHEDULES) {
			const weekdaysOff = s.daysOff.filter((h) => !isWeekend(h.date)).length;
			expect(weekdaysOff - s.workingDays.length, `${s.year}`).toBe(11);
		}
	});

	it('2024: Tết 8–14/2, 29/4 swapped for Saturday 4/5, Quốc khánh 2–3/9', () => {
		const s = announcedSchedule(2024)!;
		const weekdaysOff = s.daysOff.map((h) => h.date).filter((d) => !isWeekend(d));
		expect(weekdaysOff).toEqual([
			'2024-01-01',
			'2024-02-08',
			'2024-02-09',
			'2024-02-12',
			'2024-02-13',
			'2024-02-14',
			'2024-04-18',
			'2024-04-29',
			'2024-04-30',
			'2024-05-01',
			'2024-09-02',
			'2024-09-03'
		]);
		expect(s.workingDays.map((h) => h.date)).toEqual(['2024-05-04']);
	});

	it('2025: Tết 25/1–2/2, 2/5 swapped for Saturday 26/4, Quốc khánh 1–2/9', () => {
		const s = announcedSchedule(2025)!;
		const off = s.daysOff.map((h) => h.date);
		for (let d = '2025-01-25'; d <= '2025-02-02'; d = addDays(d, 1)) expect(off, d).toContain(d);
		expect(off).not.toContain('2025-02-03');
		expect(off.filter((d) => !isWeekend(d) && d >= '2025-04-01')).toEqual([
			'2025-04-07',
			'2025-04-30',
			'2025-05-01',
			'2025-05-02',
			'2025-09-01',
			'2025-09-02'
		]);
		expect(s.workingDays.map((h) => h.date)).toEqual(['2025-04-26']);
	});

	it('2026: 2/1 and 31/8 swapped for Saturdays 10/1 and 22/8, Tết 14–22/2', () => {
		const s = announcedSchedule(2026)!;
		const off = s.daysOff.map((h) => h.date);
		expect(off.filter((d) => !isWeekend(d))).toEqual([
			'2026-01-01',
			'2026-01-02',
			'2026-02-16',
			'2026-02-17',
			'2026-02-18',
			'2026-02-19',
			'2026-02-20',
			'2026-04-27',
			'2026-04-30',
			'2026-05-01',
			'2026-08-31',
			'2026-09-01',
			'2026-09-02'
		]);
		expect(off).toContain('2026-02-14');
		expect(off).toContain('2026-02-22');
		expect(s.workingDays.map((h) => h.date)).toEqual(['2026-01-10', '2026-08-22']);
	});

	it('2023 matches the fixture calendar (Tết 20–26/1, Quốc khánh 1–4/9)', () => {
		const s = announcedSchedule(2023)!;
		const weekdaysOff = s.daysOff.map((h) => h.date).filter((d) => !isWeekend(d));
		expect(weekdaysOff).toEqual([...FIXTURE_HOLIDAYS].filter((d) => d.startsWith('2023-')).sort());
	});
});
