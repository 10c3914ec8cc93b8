/**
 * The national portal's time stamps: `yyyyMMddHHmmss`, local time of
 * Asia/Ho_Chi_Minh (UTC+7, no daylight saving), as the one-door systems format
 * them for DVCQG (OpenCPS: `DVCQGIntegrationActionImpl`, its date formatting
 * helper with `new SimpleDateFormat("yyyyMMddHHmmss")` in the server's zone,
 * which is Vietnam's). Read strictly, with the rules of §3 instants: a real
 * calendar date, a time of day, a year 1990–2100.
 */
import { parseInstant } from '../events/instant.ts';

const SHAPE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

export const DVCQG_TIME_HINT = 'yyyyMMddHHmmss in Vietnam time, e.g. 20260302083000';

export type DvcqgTime = { ok: true; iso: string; date: Date } | { ok: false; message: string };

/** `20260302083000` → `2026-03-02T08:30:00+07:00` (and its instant), or why not. */
export function parseDvcqgTime(s: string): DvcqgTime {
	const m = SHAPE.exec(s);
	if (!m) return { ok: false, message: `must be ${DVCQG_TIME_HINT}` };
	const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`;
	const r = parseInstant(iso);
	return r.ok ? { ok: true, iso, date: r.date } : { ok: false, message: r.message };
}

/** An instant as the portal writes it (Vietnam time). */
export function formatDvcqgTime(d: Date): string {
	const local = new Date(d.getTime() + 7 * 3600_000).toISOString();
	return local.slice(0, 19).replace(/[-T:]/g, '');
}
