/**
 * The Vietnamese lunar calendar (âm lịch), by Hồ Ngọc Đức's astronomical
 * algorithm: months begin on the local day of the new moon, lunar month 11
 * contains the winter solstice, and in a year with 13 months the leap month is
 * the first one that contains no major solar term (trung khí). Everything is
 * computed for a time zone, by default UTC+7 (the 105°E meridian): this is
 * what makes the Vietnamese calendar differ from the Chinese one (UTC+8), e.g.
 * Tết 2007 is 17 February in Vietnam and 18 February in China.
 *
 * Days are Julian day numbers (integers) internally; new moons and sun
 * longitudes use the low-precision formulas of the original algorithm, which
 * agree with the published calendars for roughly 1800–2199.
 */

export type LunarDate = { year: number; month: number; day: number; leap: boolean };
export type SolarDate = { year: number; month: number; day: number };

/** UTC+7, the legal time of Vietnam. */
export const VIETNAM_TIME_ZONE = 7;

const PI = Math.PI;
const DR = PI / 180;
/** Mean synodic month, days. */
const SYNODIC = 29.530588853;
/** Julian day of the new moon of 1900-01-01 (k = 0) in the original algorithm. */
const EPOCH_NEW_MOON = 2415021.076998695;

const INT = Math.floor;

/** Julian day number of a Gregorian date (Julian calendar before 1582-10-15). */
export function jdFromDate(dd: number, mm: number, yy: number): number {
	const a = INT((14 - mm) / 12);
	const y = yy + 4800 - a;
	const m = mm + 12 * a - 3;
	let jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
	if (jd < 2299161) jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
	return jd;
}

/** Gregorian (or, before 1582-10-15, Julian) date of a Julian day number. */
export function jdToDate(jd: number): SolarDate {
	let b: number;
	let c: number;
	if (jd > 2299160) {
		const a = jd + 32044;
		b = INT((4 * a + 3) / 146097);
		c = a - INT((b * 146097) / 4);
	} else {
		b = 0;
		c = jd + 32082;
	}
	const d = INT((4 * c + 3) / 1461);
	const e = c - INT((1461 * d) / 4);
	const m = INT((5 * e + 2) / 153);
	return {
		day: e - INT((153 * m + 2) / 5) + 1,
		month: m + 3 - 12 * INT(m / 10),
		year: b * 100 + d - 4800 + INT(m / 10)
	};
}

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
	const T = k / 1236.85; // Julian centuries from 1900-01-00.5
	const T2 = T * T;
	const T3 = T2 * T;
	let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
	jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR); // mean new moon
	const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
	const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
	const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
	let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
	c1 = c1 - 0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr);
	c1 = c1 - 0.0004 * Math.sin(DR * 3 * Mpr);
	c1 = c1 + 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
	c1 = c1 - 0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
	c1 = c1 - 0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
	c1 = c1 + 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
	const deltaT =
		T < -11
			? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
			: -0.000278 + 0.000265 * T + 0.000262 * T2;
	return jd1 + c1 - deltaT;
}

/** Sun's apparent longitude in radians [0, 2π) at a (fractional, UT) Julian day. */
function sunLongitude(jdn: number): number {
	const T = (jdn - 2451545.0) / 36525; // Julian centuries from 2000-01-01 12:00 UT
	const T2 = T * T;
	const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
	const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
	let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
	dl += (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
	let L = (L0 + dl) * DR;
	L -= PI * 2 * INT(L / (PI * 2));
	return L;
}

/** Index 0..11 of the 30° sector the sun is in at local midnight starting a day (major terms). */
function sunSector(dayNumber: number, timeZone: number): number {
	return INT((sunLongitude(dayNumber - 0.5 - timeZone / 24) / PI) * 6);
}

/** Julian day number of the local day of the k-th new moon. */
function newMoonDay(k: number, timeZone: number): number {
	return INT(newMoon(k) + 0.5 + timeZone / 24);
}

/** The day lunar month 11 (the month of the winter solstice) begins, for solar year yy. */
function lunarMonth11(yy: number, timeZone: number): number {
	const off = jdFromDate(31, 12, yy) - 2415021;
	const k = INT(off / SYNODIC);
	const nm = newMoonDay(k, timeZone);
	return sunSector(nm, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : nm;
}

/** Index (after month 11 starting at a11) of the leap month: the first month without a major term. */
function leapMonthOffset(a11: number, timeZone: number): number {
	const k = INT((a11 - EPOCH_NEW_MOON) / SYNODIC + 0.5);
	let i = 1;
	let arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
	let last: number;
	do {
		last = arc;
		i++;
		arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
	} while (arc !== last && i < 14);
	return i - 1;
}

function checkZone(timeZone: number): void {
	if (!Number.isFinite(timeZone) || timeZone < -12 || timeZone > 14)
		throw new RangeError(`bad time zone ${timeZone}`);
}

/** The lunar date of a solar (Gregorian) date, in a time zone (default UTC+7). */
export function solarToLunar(
	year: number,
	month: number,
	day: number,
	timeZone: number = VIETNAM_TIME_ZONE
): LunarDate {
	checkZone(timeZone);
	if (
		![year, month, day].every(Number.isInteger) ||
		month < 1 ||
		month > 12 ||
		day < 1 ||
		day > 31
	) {
		throw new RangeError(`bad solar date ${year}-${month}-${day}`);
	}
	const dayNumber = jdFromDate(day, month, year);
	const k = INT((dayNumber - EPOCH_NEW_MOON) / SYNODIC);
	// k is from the mean lunation; the true new moon can fall a day either
	// side of it (the original algorithm omits the k - 1 step and gives day 0
	// on 1877-04-13, 1885-03-16, 2054-05-07 and 2062-04-09).
	let monthStart = newMoonDay(k + 1, timeZone);
	if (monthStart > dayNumber) monthStart = newMoonDay(k, timeZone);
	if (monthStart > dayNumber) monthStart = newMoonDay(k - 1, timeZone);
	let a11 = lunarMonth11(year, timeZone);
	let b11 = a11;
	let lunarYear: number;
	if (a11 >= monthStart) {
		lunarYear = year;
		a11 = lunarMonth11(year - 1, timeZone);
	} else {
		lunarYear = year + 1;
		b11 = lunarMonth11(year + 1, timeZone);
	}
	const lunarDay = dayNumber - monthStart + 1;
	const diff = INT((monthStart - a11) / 29);
	let leap = false;
	let lunarMonth = diff + 11;
	if (b11 - a11 > 365) {
		const leapDiff = leapMonthOffset(a11, timeZone);
		if (diff >= leapDiff) {
			lunarMonth = diff + 10;
			if (diff === leapDiff) leap = true;
		}
	}
	if (lunarMonth > 12) lunarMonth -= 12;
	if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
	return { year: lunarYear, month: lunarMonth, day: lunarDay, leap };
}

/** Julian day number of the first day of a lunar month, or throws if that (leap) month does not exist. */
function lunarMonthStart(
	lunarYear: number,
	lunarMonth: number,
	leap: boolean,
	timeZone: number,
	shift = 0
): number {
	let a11: number;
	let b11: number;
	if (lunarMonth < 11) {
		a11 = lunarMonth11(lunarYear - 1, timeZone);
		b11 = lunarMonth11(lunarYear, timeZone);
	} else {
		a11 = lunarMonth11(lunarYear, timeZone);
		b11 = lunarMonth11(lunarYear + 1, timeZone);
	}
	const k = INT(0.5 + (a11 - EPOCH_NEW_MOON) / SYNODIC);
	let off = lunarMonth - 11;
	if (off < 0) off += 12;
	if (b11 - a11 > 365) {
		const leapOff = leapMonthOffset(a11, timeZone);
		let leapMonth = leapOff - 2;
		if (leapMonth < 0) leapMonth += 12;
		if (leap && lunarMonth !== leapMonth) {
			throw new RangeError(`lunar year ${lunarYear} has no leap month ${lunarMonth}`);
		}
		if (leap || off >= leapOff) off += 1;
	} else if (leap) {
		throw new RangeError(`lunar year ${lunarYear} has no leap month`);
	}
	return newMoonDay(k + off + shift, timeZone);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(
	lunarYear: number,
	lunarMonth: number,
	leap = false,
	timeZone: number = VIETNAM_TIME_ZONE
): number {
	checkZone(timeZone);
	return (
		lunarMonthStart(lunarYear, lunarMonth, leap, timeZone, 1) -
		lunarMonthStart(lunarYear, lunarMonth, leap, timeZone)
	);
}

/**
 * The solar date of a lunar date, in a time zone (default UTC+7). Throws a
 * RangeError for a leap month the year does not have, or a day 30 in a
 * 29-day month.
 */
export function lunarToSolar(
	lunarYear: number,
	lunarMonth: number,
	lunarDay: number,
	leap = false,
	timeZone: number = VIETNAM_TIME_ZONE
): SolarDate {
	checkZone(timeZone);
	if (
		![lunarYear, lunarMonth, lunarDay].every(Number.isInteger) ||
		lunarMonth < 1 ||
		lunarMonth > 12 ||
		lunarDay < 1 ||
		lunarDay > 30
	) {
		throw new RangeError(`bad lunar date ${lunarYear}/${lunarMonth}/${lunarDay}`);
	}
	const start = lunarMonthStart(lunarYear, lunarMonth, leap, timeZone);
	if (lunarDay === 30 && lunarMonthStart(lunarYear, lunarMonth, leap, timeZone, 1) - start < 30) {
		throw new RangeError(
			`lunar month ${lunarMonth}${leap ? ' (leap)' : ''} of ${lunarYear} has 29 days`
		);
	}
	return jdToDate(start + lunarDay - 1);
}
