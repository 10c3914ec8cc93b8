/**
 * Local days in Asia/Ho_Chi_Minh: fixed UTC+7, no daylight saving. Days are
 * 'YYYY-MM-DD' strings; arithmetic is on epoch milliseconds (no Intl: fast).
 */
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** The local calendar day of an instant: 2023-12-31T17:30:00Z is local 2024-01-01. */
export function localDay(at: Date): string {
	return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 local (+07:00) of a day. */
export function localDayStart(day: string): Date {
	return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

export function addDays(day: string, n: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: string): number {
	return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** Minutes since local midnight. */
export function localTimeOfDayMinutes(at: Date): number {
	const ms = (((at.getTime() + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
	return Math.floor(ms / 60_000);
}
