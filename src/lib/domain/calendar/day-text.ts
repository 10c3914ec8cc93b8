/**
 * Days as people type them in Vietnam: dd/MM/yyyy (also d/M/yyyy, with "-" or "."), read strictly into the
 * YYYY-MM-DD the URLs and forms carry — a real calendar date, years 1990–2100.
 */
import { isValidDay } from '../figures/period.ts';

export function dayFromText(text: string): string | null {
	const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
	if (!m) return null;
	const day = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
	return isValidDay(day) ? day : null;
}

/** 'YYYY-MM-DD' → 'dd/MM/yyyy' ('' for ''). */
export function dayToText(day: string): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(day)
		? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`
		: '';
}
