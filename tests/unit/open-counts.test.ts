/** The identities behind point-in-time figures from counters (open-counts.ts) and the grain cover (grains.ts). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, localDay, localDayStart } from '../../src/lib/domain/calendar/days.ts';
import {
	bucketStart,
	prefixSpans,
	spansOf,
	type Span
} from '../../src/lib/domain/figures/grains.ts';
import {
	isOpenOverdueAt,
	laterToday,
	openAtInstant,
	openCounterTimes,
	openFromPrefix,
	type OpenTimes
} from '../../src/lib/domain/figures/open-counts.ts';
import { isOpenAt } from '../../src/lib/domain/figures/period.ts';
import { hourCeil, hourStart } from '../../src/lib/domain/figures/hours.ts';

const BASE = Date.parse('2023-12-25T00:00:00+07:00');
const HOUR = 3600_000;
const day = (h: number) => addDays('2023-12-25', h);

/** Every day a span covers. */
function daysOf(spans: Span[], last: string): string[] {
	const out: string[] = [];
	for (const s of spans) {
		for (let d = s.from; d <= s.to; d = addDays(d, 1)) {
			if (bucketStart(d, s.grain) !== d) continue;
			// A bucket starting at d covers d up to the day before the next bucket of its grain.
			let e = d;
			while (addDays(e, 1) <= last && bucketStart(addDays(e, 1), s.grain) === d) e = addDays(e, 1);
			for (let x = d; x <= e; x = addDays(x, 1)) out.push(x);
		}
	}
	return out;
}

describe('grains', () => {
	it('spansOf covers [from, to] exactly, each day once, with few rows', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 900 }), (a, len) => {
				const from = day(a);
				const to = day(a + len);
				const spans = spansOf(from, to);
				const covered = daysOf(spans, to);
				expect(covered).toHaveLength(len + 1);
				expect(covered[0]).toBe(from);
				expect(covered.at(-1)).toBe(to);
				expect(new Set(covered).size).toBe(covered.length);
				expect(spans.length).toBeLessThanOrEqual(5);
			})
		);
	});
	it('a calendar year is one year row; a month one month row; a prefix a handful', () => {
		expect(spansOf('2025-01-01', '2025-12-31')).toEqual([
			{ grain: 'y', from: '2025-01-01', to: '2025-01-01' }
		]);
		expect(spansOf('2025-02-01', '2025-02-28')).toEqual([
			{ grain: 'm', from: '2025-02-01', to: '2025-02-01' }
		]);
		expect(spansOf('2025-02-03', '2025-02-05')).toEqual([
			{ grain: 'd', from: '2025-02-03', to: '2025-02-05' }
		]);
		expect(spansOf('2024-12-15', '2026-01-10')).toEqual([
			{ grain: 'd', from: '2024-12-15', to: '2024-12-31' },
			{ grain: 'y', from: '2025-01-01', to: '2025-01-01' },
			{ grain: 'd', from: '2026-01-01', to: '2026-01-10' }
		]);
		expect(prefixSpans('2026-03-17')).toEqual([
			{ grain: 'y', from: '1900-01-01', to: '2025-01-01' },
			{ grain: 'm', from: '2026-01-01', to: '2026-02-01' },
			{ grain: 'd', from: '2026-03-01', to: '2026-03-17' }
		]);
		expect(spansOf('2025-03-02', '2025-03-01')).toEqual([]);
	});
});

/** Random dossiers: receipts, finishes before or after them, appointments before or after them, or none. */
const dossier = fc
	.record({
		r: fc.integer({ min: 0, max: 60 * 24 }),
		f: fc.option(fc.integer({ min: -48, max: 30 * 24 })),
		u: fc.option(fc.integer({ min: -24, max: 20 * 24 }))
	})
	.map(({ r, f, u }): OpenTimes => ({
		receivedAt: new Date(BASE + r * HOUR),
		finishedAt: f === null ? null : new Date(BASE + (r + f) * HOUR),
		firstDueAt: u === null ? null : new Date(BASE + (r + u) * HOUR)
	}));

/** The same, to the minute (instants inside hours). */
const dossierToTheMinute = fc
	.record({
		r: fc.integer({ min: 0, max: 20 * 24 * 60 }),
		f: fc.option(fc.integer({ min: -48 * 60, max: 10 * 24 * 60 })),
		u: fc.option(fc.integer({ min: -24 * 60, max: 5 * 24 * 60 }))
	})
	.map(({ r, f, u }): OpenTimes => ({
		receivedAt: new Date(BASE + r * 60_000),
		finishedAt: f === null ? null : new Date(BASE + (r + f) * 60_000),
		firstDueAt: u === null ? null : new Date(BASE + (r + u) * 60_000)
	}));

/** Day → summed counters, from each dossier's four instants. */
function dayCounters(ds: OpenTimes[]) {
	const byDay = new Map<
		string,
		{ open_in: number; open_out: number; due_in: number; due_out: number }
	>();
	for (const d of ds)
		for (const [k, at] of Object.entries(openCounterTimes(d)) as [
			keyof ReturnType<typeof openCounterTimes>,
			Date | null
		][]) {
			if (!at) continue;
			const key = localDay(at);
			const row = byDay.get(key) ?? { open_in: 0, open_out: 0, due_in: 0, due_out: 0 };
			row[k]++;
			byDay.set(key, row);
		}
	return byDay;
}

function prefix(byDay: ReturnType<typeof dayCounters>, upTo: string) {
	const s = { open_in: 0, open_out: 0, due_in: 0, due_out: 0 };
	for (const [d, row] of byDay)
		if (d <= upTo) for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] += row[k];
	return s;
}

describe('open counts from day counters', () => {
	it('at the end of every day they equal a direct count of the open dossiers', () => {
		fc.assert(
			fc.property(
				fc.array(dossier, { maxLength: 40 }),
				fc.integer({ min: -2, max: 95 }),
				(ds, k) => {
					const D = day(k);
					const E = localDayStart(addDays(D, 1));
					const direct = {
						total: ds.filter((d) => isOpenAt(d.receivedAt, d.finishedAt, E)).length,
						overdue: ds.filter((d) => isOpenOverdueAt(d, E)).length
					};
					expect(openFromPrefix(prefix(dayCounters(ds), D))).toEqual(direct);
				}
			)
		);
	});
	it('at any instant inside a day they equal a direct count, from the day end and the rest of the day', () => {
		fc.assert(
			fc.property(
				fc.array(dossier, { maxLength: 40 }),
				fc.integer({ min: 0, max: 90 * 24 * 60 }),
				(ds, minute) => {
					const t = new Date(BASE + minute * 60_000);
					const E = localDayStart(addDays(localDay(t), 1));
					const atEnd = openFromPrefix(prefix(dayCounters(ds), localDay(t)));
					const rest = ds.filter((d) => laterToday(d, t, E));
					const direct = {
						total: ds.filter((d) => isOpenAt(d.receivedAt, d.finishedAt, t)).length,
						overdue: ds.filter((d) => isOpenOverdueAt(d, t)).length
					};
					expect(openAtInstant(atEnd, rest, t, E)).toEqual(direct);
				}
			)
		);
	});
	it('at any instant: overdue from the day end less the due hours after it and the rest of its hour (hours.ts)', () => {
		fc.assert(
			fc.property(
				fc.array(dossierToTheMinute, { minLength: 1, maxLength: 40 }),
				fc.nat(),
				fc.integer({ min: 0, max: 3 }),
				fc.integer({ min: 0, max: 120 }),
				(ds, which, instant, minutesBefore) => {
					// Shortly before one of a dossier's instants, so that the rest of the hour holds something.
					const d = ds[which % ds.length];
					const at =
						[d.receivedAt, d.finishedAt, d.firstDueAt, d.receivedAt][instant] ?? d.receivedAt!;
					const t = new Date(at.getTime() - minutesBefore * 60_000);
					const E = localDayStart(addDays(localDay(t), 1));
					const B = hourCeil(t);
					const atEnd = openFromPrefix(prefix(dayCounters(ds), localDay(t)));
					// The hour rows of [B, E): each due instant in its hour's row, summed as the query does.
					let dueLater = 0;
					for (const x of ds) {
						const times = openCounterTimes(x);
						const inLater = (y: Date | null) =>
							y !== null && hourStart(y) >= B.toISOString() && hourStart(y) < E.toISOString();
						dueLater += Number(inLater(times.due_in)) - Number(inLater(times.due_out));
					}
					const overdue = openAtInstant(
						{ total: 0, overdue: atEnd.overdue - dueLater },
						ds.filter((x) => laterToday(x, t, B)),
						t,
						B
					).overdue;
					const total = openAtInstant(
						{ total: atEnd.total, overdue: 0 },
						ds.filter((x) => laterToday(x, t, E)),
						t,
						E
					).total;
					expect(B.getTime() - t.getTime()).toBeLessThan(HOUR);
					expect(B.getTime()).toBeLessThanOrEqual(E.getTime());
					expect({ total, overdue }).toEqual({
						total: ds.filter((x) => isOpenAt(x.receivedAt, x.finishedAt, t)).length,
						overdue: ds.filter((x) => isOpenOverdueAt(x, t)).length
					});
				}
			)
		);
	});
	it('a dossier finished before its receipt is never open; no appointment is never overdue', () => {
		const r = new Date('2024-05-06T09:00:00+07:00');
		const early: OpenTimes = {
			receivedAt: r,
			finishedAt: new Date(r.getTime() - HOUR),
			firstDueAt: null
		};
		const times = openCounterTimes(early);
		expect(localDay(times.open_in!)).toBe(localDay(times.open_out!));
		expect(times.due_in).toBeNull();
	});
});
