/** The strict input rules of docs/api.md#input-rules: one time parser, one safe-string rule, own-key type lookup, CSV cells. */
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/lib/domain/events/instant.ts';
import { parseEvent } from '../../src/lib/domain/events/schema.ts';
import { isValidDay } from '../../src/lib/domain/figures/period.ts';
import { unsafeTextReason, unsafeUrlReason } from '../../src/lib/domain/text/safe.ts';
import { csvCell } from '../../src/lib/domain/text/csv-cell.ts';

const ok = (s: string) => {
	const r = parseInstant(s);
	if (!r.ok) throw new Error(`${s}: ${r.message}`);
	return r.date.toISOString();
};
const refused = (s: string) => !parseInstant(s).ok;

describe('parseInstant', () => {
	it('reads offsets, Z and fractions exactly', () => {
		expect(ok('2024-05-06T08:30:00+07:00')).toBe('2024-05-06T01:30:00.000Z');
		expect(ok('2024-05-06T08:30:00+0700')).toBe('2024-05-06T01:30:00.000Z');
		expect(ok('2024-05-06T01:30:00Z')).toBe('2024-05-06T01:30:00.000Z');
		expect(ok('2024-05-06T01:30:00.123456789Z')).toBe('2024-05-06T01:30:00.123Z');
		expect(ok('2024-02-29T00:00:00-12:00')).toBe('2024-02-29T12:00:00.000Z');
		expect(ok('2024-12-31T23:59:59+14:00')).toBe('2024-12-31T09:59:59.000Z');
		expect(ok('1990-01-01T00:00:00Z')).toBe('1990-01-01T00:00:00.000Z');
		expect(ok('2100-12-31T23:59:59-12:00')).toBe('2101-01-01T11:59:59.000Z');
	});
	it('refuses what Date.parse would roll over or read loosely', () => {
		for (const s of [
			'2025-02-29T09:00:00Z',
			'2024-02-30T09:00:00Z',
			'2024-04-31T09:00:00Z',
			'2024-13-01T09:00:00Z',
			'2024-00-10T09:00:00Z',
			'2024-05-06T24:00:00Z',
			'2024-05-06T23:60:00Z',
			'2024-05-06T23:59:60Z',
			'2024-05-06T08:00:00+14:01',
			'2024-05-06T08:00:00-12:30',
			'2024-05-06T08:00:00+07:60',
			'2024-05-06T08:00+07:00',
			'2024-05-06T08:00:00',
			'2024-05-06 08:00:00Z',
			'2024-05-06T08:00:00z',
			'0000-01-01T00:00:00Z',
			'1989-12-31T23:59:59Z',
			'2101-01-01T00:00:00Z',
			'9999-12-31T23:59:59-12:00',
			'+002024-05-06T08:00:00Z',
			' 2024-05-06T08:00:00Z',
			'2024-05-06T08:00:00Z\n'
		]) {
			expect(refused(s), s).toBe(true);
		}
	});
});

describe('safe text', () => {
	it('refuses NUL and lone surrogates, keeps every other character', () => {
		expect(unsafeTextReason('a\u0000b')).toMatch(/NUL/);
		expect(unsafeTextReason('a\ud800b')).toMatch(/surrogate/);
		expect(unsafeTextReason('a\udfffb')).toMatch(/surrogate/);
		expect(unsafeTextReason('Phường Phú Sơn 😀 \t\u0001')).toBeNull();
	});
	it('refuses URLs whose decoded path or parameters are not safe text', () => {
		expect(unsafeUrlReason(new URL('http://x/api/v1/summary?unit=%00'))).toMatch(/unit/);
		expect(unsafeUrlReason(new URL('http://x/api/v1/dossiers/V-1%00'))).toMatch(/path/);
		expect(unsafeUrlReason(new URL('http://x/units/%E0%A4%A'))).toMatch(/percent/);
		expect(
			unsafeUrlReason(new URL('http://x/units/46?p=year&unit=Ph%C6%B0%E1%BB%9Dng'))
		).toBeNull();
	});
});

describe('event schema, hostile input', () => {
	const base = {
		id: 'e',
		type: 'dossier.received',
		at: '2024-05-06T08:00:00+07:00',
		unit: 'U',
		dossier: 'D',
		procedure: 'P',
		field: 'F',
		channel: 'direct',
		dueAt: '2024-05-08T08:00:00+07:00'
	};
	it('names the field holding a NUL or a lone surrogate', () => {
		expect(parseEvent({ ...base, procedureName: 'a\u0000b' }, 4).errors).toEqual([
			{ index: 4, path: 'procedureName', message: expect.stringMatching(/NUL/) }
		]);
		expect(parseEvent({ ...base, dossier: 'a\ud800b' }, 0).errors[0].path).toBe('dossier');
		expect(parseEvent({ ...base, id: '\u0000' }, 0).errors[0].path).toBe('id');
		expect(parseEvent({ ...base, at: '2024-05-06T08:00:00+07:00\u0000' }, 0).errors[0].path).toBe(
			'at'
		);
	});
	it('type names of Object.prototype are unknown types', () => {
		for (const type of ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty']) {
			expect(parseEvent({ ...base, type }, 0).errors).toEqual([
				{ index: 0, path: 'type', message: expect.stringMatching(/must be one of/) }
			]);
		}
	});
	it('years outside 1990–2100 are refused in at and dueAt', () => {
		expect(parseEvent({ ...base, at: '0000-01-01T00:00:00Z' }, 0).errors[0].path).toBe('at');
		expect(parseEvent({ ...base, dueAt: '9999-12-31T23:59:59-12:00' }, 0).errors[0].path).toBe(
			'dueAt'
		);
		const { dueAt: _, ...noDue } = base;
		expect(
			parseEvent({ ...noDue, at: '0999-05-06T08:00:00+07:00', processingDays: 3 }, 0).errors[0].path
		).toBe('at');
	});
});

describe('query days', () => {
	it('are real days of 1990–2100', () => {
		expect(isValidDay('2024-02-29')).toBe(true);
		expect(isValidDay('2025-02-29')).toBe(false);
		expect(isValidDay('0001-01-01')).toBe(false);
		expect(isValidDay('9999-12-31')).toBe(false);
		expect(isValidDay('1990-01-01')).toBe(true);
		expect(isValidDay('2100-12-31')).toBe(true);
	});
});

describe('CSV cells (OWASP CSV injection)', () => {
	it('prefixes text that a spreadsheet would run as a formula, keeps numbers', () => {
		expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
		expect(csvCell('+84 912')).toBe(`"'+84 912"`);
		expect(csvCell('-Xã A')).toBe(`"'-Xã A"`);
		expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
		expect(csvCell('\tx')).toBe(`"'\tx"`);
		expect(csvCell('Xã A, huyện B')).toBe('"Xã A, huyện B"');
		expect(csvCell('Xã A')).toBe('Xã A');
		expect(csvCell(-3)).toBe('-3');
	});
});
