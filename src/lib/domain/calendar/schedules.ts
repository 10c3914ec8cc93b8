/**
 * The days off the government ANNOUNCED for civil servants (cán bộ, công chức,
 * viên chức of state bodies), year by year. An announced year REPLACES the
 * rule-based holidays of holidays.ts for that year: the announcements pick the
 * Tết days, the day next to 2 September, and swap working days (hoán đổi) with
 * Saturdays that are worked instead (làm bù).
 *
 * `daysOff` lists every day given off that would otherwise be a working day
 * (holidays, compensatory and swapped days) and the statutory days themselves;
 * the Tết break is listed whole, weekends included, so every day of it carries
 * the name "Tết Nguyên đán". Holidays fixed by the Labour Code without a notice
 * (1 January, lunar 10/3 and their compensatory days) are included as the law
 * gives them. `workingDays` are the Saturdays worked to make up a swap.
 *
 * Confidence, checked against the notices as reported by the press and by
 * ministries' and provinces' sites relaying them:
 * - 2023: Tết 20–26/1 and Quốc khánh 1–4/9 (Công văn 8056/VPCP-KGVX of
 *   1/12/2022); 1/1 and 29/4–1/5 fell on weekends, made up on 2/1, 2/5, 3/5.
 *   Sure (matches the repo's fixture calendar).
 * - 2024: Tết 8–14/2 and Quốc khánh 31/8–3/9 (Thông báo 5015/TB-LĐTBXH of
 *   22/11/2023); 29/4 swapped with Saturday 4/5 (Công văn 2450/VPCP-KGVX of
 *   12/4/2024). Sure.
 * - 2025: Tết 25/1–2/2 with 27–31/1 the five statutory days, 2/5 swapped with
 *   Saturday 26/4, Quốc khánh 1–2/9 (Thông báo 6150/TB-LĐTBXH of 3/12/2024,
 *   after Công văn 8726/VPCP-KGVX of 26/11/2024). Sure.
 * - 2026: 2/1 swapped with Saturday 10/1 (Công văn 12729/VPCP-KGVX of
 *   25/12/2025); Tết 14–22/2 with 16–20/2 the statutory days; Quốc khánh 1–2/9
 *   with 31/8 swapped with Saturday 22/8 (Thông báo 9441/TB-BNV of 16/10/2025).
 *   Giỗ Tổ (Sunday 26/4, compensated Monday 27/4) and 30/4–1/5 (Thursday,
 *   Friday) follow the Labour Code: no swap for them had been announced in the
 *   sources available when this was written; if one is, add it here (or the
 *   admin adds it as overrides). The planned 24/11 "Ngày Văn hóa Việt Nam" day
 *   off was not yet law and is not included.
 */
import { addDays } from './days.ts';
import type { Holiday } from './holidays.ts';
import { HOLIDAY_NAMES as N, compensatoryName } from './holidays.ts';

export type AnnouncedSchedule = {
	year: number;
	/** The decision or notice the days come from. */
	source: string;
	daysOff: readonly Holiday[];
	workingDays: readonly Holiday[];
};

/** One named day, or every day of an inclusive range. */
function days(from: string, to: string | null, name: string): Holiday[] {
	const out: Holiday[] = [];
	for (let d = from; d <= (to ?? from); d = addDays(d, 1)) out.push({ date: d, name });
	return out;
}

const swapped = (holiday: string, makeUp: string): string =>
	`Nghỉ hoán đổi dịp ${holiday} (làm bù thứ Bảy ${makeUp})`;
const makeUpFor = (weekday: string, day: string): string => `Làm bù cho ${weekday} ${day}`;

const SCHEDULES: readonly AnnouncedSchedule[] = [
	{
		year: 2023,
		source: 'Công văn 8056/VPCP-KGVX ngày 01/12/2022 (Tết Âm lịch, Quốc khánh 2023)',
		daysOff: [
			...days('2023-01-01', null, N.newYear), // Sunday
			...days('2023-01-02', null, compensatoryName(N.newYear)),
			...days('2023-01-20', '2023-01-26', N.tet), // 29 Chạp … mùng 5
			...days('2023-04-29', null, N.hungKings), // Saturday
			...days('2023-04-30', null, N.victory), // Sunday
			...days('2023-05-01', null, N.labour),
			...days('2023-05-02', null, compensatoryName(N.hungKings)),
			...days('2023-05-03', null, compensatoryName(N.victory)),
			...days('2023-09-01', null, N.nationalDayAdjacent),
			...days('2023-09-02', null, N.nationalDay), // Saturday
			...days('2023-09-04', null, compensatoryName(N.nationalDay))
		],
		workingDays: []
	},
	{
		year: 2024,
		source:
			'Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Tết Âm lịch, Quốc khánh 2024); Công văn 2450/VPCP-KGVX ngày 12/4/2024 (hoán đổi dịp 30/4 – 1/5)',
		daysOff: [
			...days('2024-01-01', null, N.newYear),
			...days('2024-02-08', '2024-02-14', N.tet), // 29 Chạp … mùng 5
			...days('2024-04-18', null, N.hungKings),
			...days('2024-04-29', null, swapped('30/4 – 1/5', '04/05/2024')),
			...days('2024-04-30', null, N.victory),
			...days('2024-05-01', null, N.labour),
			...days('2024-09-02', null, N.nationalDay),
			...days('2024-09-03', null, N.nationalDayAdjacent)
		],
		workingDays: days('2024-05-04', null, makeUpFor('thứ Hai', '29/04/2024'))
	},
	{
		year: 2025,
		source:
			'Thông báo 6150/TB-LĐTBXH ngày 03/12/2024 (Tết Âm lịch, 30/4 – 1/5, Quốc khánh 2025), theo Công văn 8726/VPCP-KGVX ngày 26/11/2024',
		daysOff: [
			...days('2025-01-01', null, N.newYear),
			...days('2025-01-25', '2025-02-02', N.tet), // 26 Chạp … mùng 5
			...days('2025-04-07', null, N.hungKings),
			...days('2025-04-30', null, N.victory),
			...days('2025-05-01', null, N.labour),
			...days('2025-05-02', null, swapped('30/4 – 1/5', '26/04/2025')),
			...days('2025-09-01', null, N.nationalDayAdjacent),
			...days('2025-09-02', null, N.nationalDay)
		],
		workingDays: days('2025-04-26', null, makeUpFor('thứ Sáu', '02/05/2025'))
	},
	{
		year: 2026,
		source:
			'Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch 2026); Thông báo 9441/TB-BNV ngày 16/10/2025 (Tết Âm lịch, Quốc khánh 2026)',
		daysOff: [
			...days('2026-01-01', null, N.newYear),
			...days('2026-01-02', null, swapped(N.newYear, '10/01/2026')),
			...days('2026-02-14', '2026-02-22', N.tet), // 27 Chạp … mùng 6
			...days('2026-04-26', null, N.hungKings), // Sunday
			...days('2026-04-27', null, compensatoryName(N.hungKings)),
			...days('2026-04-30', null, N.victory),
			...days('2026-05-01', null, N.labour),
			...days('2026-08-31', null, swapped(N.nationalDay, '22/08/2026')),
			...days('2026-09-01', null, N.nationalDayAdjacent),
			...days('2026-09-02', null, N.nationalDay)
		],
		workingDays: [
			...days('2026-01-10', null, makeUpFor('thứ Sáu', '02/01/2026')),
			...days('2026-08-22', null, makeUpFor('thứ Hai', '31/08/2026'))
		]
	}
];

const BY_YEAR: ReadonlyMap<number, AnnouncedSchedule> = new Map(SCHEDULES.map((s) => [s.year, s]));

/** Every announced year, oldest first. */
export const ANNOUNCED_SCHEDULES: readonly AnnouncedSchedule[] = SCHEDULES;

/** The announced schedule of a year, or null when the year has none (rules apply). */
export function announcedSchedule(year: number): AnnouncedSchedule | null {
	return BY_YEAR.get(year) ?? null;
}
