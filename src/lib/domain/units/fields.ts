/**
 * Checks for the individual fields of a unit, shared by the CSV and GeoJSON
 * readers so both report the same problems in the same words.
 */
import { unsafeTextReason } from '../text/safe.ts';
import { normaliseUnitType, type UnitType } from './types.ts';

export type Check<T> = { ok: true; value: T } | { ok: false; error: string };

/** Official codes are digits ("01", "001", "00004"); letters, ".", "_" and "-" allowed for local units. */
export const CODE_PATTERN = /^[0-9A-Za-z._-]{1,32}$/;
export const NAME_MAX = 200;

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(error: string): Check<T> => ({ ok: false, error });

/** A value quoted for a message, shortened so a stray paragraph does not flood the output. */
export function show(value: string): string {
	const chars = [...value];
	return JSON.stringify(chars.length > 40 ? chars.slice(0, 40).join('') + '…' : value);
}

/** A unit code: required, kept as written (after trimming) — "01" and "1" are different codes. */
export function checkCode(raw: string): Check<string> {
	const value = raw.trim();
	if (value === '') return fail('code is required');
	if (!CODE_PATTERN.test(value)) {
		return fail(`invalid code ${show(value)} (use 1–32 letters, digits, ".", "_" or "-")`);
	}
	return ok(value);
}

/** The unit's code on the national portal (DVCQG `MaDonVi`, e.g. "000.00.15.H12"): optional, empty means none. */
export const DVCQG_CODE_PATTERN = /^[0-9A-Za-z._-]{1,64}$/;

export function checkDvcqgCode(raw: string): Check<string | null> {
	const value = raw.trim();
	if (value === '') return ok(null);
	if (!DVCQG_CODE_PATTERN.test(value))
		return fail(`invalid dvcqg_code ${show(value)} (use 1–64 letters, digits, ".", "_" or "-")`);
	return ok(value);
}

/** A parent code: empty means a top unit. */
export function checkParentCode(raw: string): Check<string | null> {
	const value = raw.trim();
	if (value === '') return ok(null);
	if (!CODE_PATTERN.test(value)) {
		return fail(`invalid parent_code ${show(value)} (use 1–32 letters, digits, ".", "_" or "-")`);
	}
	return ok(value);
}

/** A name: required; stored in NFC with runs of white space (even line breaks) made one space. */
export function checkName(raw: string): Check<string> {
	const unsafe = unsafeTextReason(raw);
	if (unsafe) return fail(`name ${unsafe}`);
	const value = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
	if (value === '') return fail('name is required');
	const length = [...value].length;
	if (length > NAME_MAX)
		return fail(`name is too long (${length} characters, at most ${NAME_MAX})`);
	return ok(value);
}

export function checkType(raw: string, hasParent: boolean): Check<UnitType> {
	if (raw.trim() === '') return fail('type is required');
	const type = normaliseUnitType(raw, { hasParent });
	return type === null ? fail(`unknown type ${show(raw.trim())}`) : ok(type);
}

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
const RANGE = { lat: 90, lon: 180 } as const;

/** One coordinate, from text ("10.77", also "10,77") or a JSON number, range-checked. */
export function checkCoordinate(raw: string | number, field: 'lat' | 'lon'): Check<number> {
	let value: number;
	if (typeof raw === 'number') {
		value = raw;
	} else {
		const text = raw.trim();
		if (!NUMBER.test(text)) return fail(`${field} ${show(text)} is not a number`);
		value = Number(text.replace(',', '.'));
	}
	if (!Number.isFinite(value)) return fail(`${field} ${String(raw)} is not a number`);
	const max = RANGE[field];
	if (value < -max || value > max)
		return fail(`${field} ${value} is out of range (−${max} to ${max})`);
	return ok(value);
}

/**
 * Latitude and longitude together: both absent (null) or both valid.
 * Returns every problem found, and the position only when there is none.
 */
export function checkLatLon(
	lat: string | number | null,
	lon: string | number | null
): { lat: number | null; lon: number | null; errors: string[] } {
	const none = { lat: null, lon: null };
	if (lat === null && lon === null) return { ...none, errors: [] };
	if (lat === null || lon === null) {
		return { ...none, errors: ['lat and lon must be given together (or both left empty)'] };
	}
	const a = checkCoordinate(lat, 'lat');
	const b = checkCoordinate(lon, 'lon');
	const errors: string[] = [];
	if (!a.ok) errors.push(a.error);
	if (!b.ok) errors.push(b.error);
	return a.ok && b.ok ? { lat: a.value, lon: b.value, errors } : { ...none, errors };
}
