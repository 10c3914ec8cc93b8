import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../src/lib/domain/dossier/outcome.ts';
import { foldDossier, type FoldEvent } from '../../src/lib/domain/dossier/state.ts';
import {
	dossierContribution,
	DeltaTable,
	COUNTERS,
	emptyCounters
} from '../../src/lib/domain/figures/counters.ts';
import { wilson } from '../../src/lib/domain/ranking/wilson.ts';
import { rankUnits } from '../../src/lib/domain/ranking/rank.ts';
import { isValidDay, periodOf, isOpenAt } from '../../src/lib/domain/figures/period.ts';
import { localDay, localDayStart } from '../../src/lib/domain/calendar/days.ts';
import { parseEvent } from '../../src/lib/domain/events/schema.ts';

const d = (s: string) => new Date(s);

describe('outcome against the first dueAt (docs/domain.md#outcome)', () => {
	const due = d('2024-05-10T17:00:00+07:00');
	it('early on an earlier local day, on time on the due day up to dueAt, overdue after', () => {
		expect(outcomeOf(d('2024-05-09T23:59:00+07:00'), due)).toBe('early');
		expect(outcomeOf(d('2024-05-10T00:00:00+07:00'), due)).toBe('on_time');
		expect(outcomeOf(d('2024-05-10T17:00:00+07:00'), due)).toBe('on_time');
		expect(outcomeOf(d('2024-05-10T17:00:01+07:00'), due)).toBe('overdue');
	});
	it('judges days in UTC+7: 16:59Z on the 9th is 23:59 local, 17:00Z is the 10th', () => {
		expect(outcomeOf(d('2024-05-09T16:59:00Z'), due)).toBe('early');
		expect(outcomeOf(d('2024-05-09T17:00:00Z'), due)).toBe('on_time');
	});
});

describe('local days (Asia/Ho_Chi_Minh)', () => {
	it('an event at 23:30 UTC is the next local day', () => {
		expect(localDay(d('2023-12-31T23:30:00Z'))).toBe('2024-01-01');
		expect(localDay(d('2023-12-31T16:59:59Z'))).toBe('2023-12-31');
		expect(localDayStart('2024-01-01').toISOString()).toBe('2023-12-31T17:00:00.000Z');
	});
	it('validates calendar dates', () => {
		expect(isValidDay('2024-02-29')).toBe(true);
		expect(isValidDay('2023-02-29')).toBe(false);
		expect(isValidDay('2024-1-01')).toBe(false);
	});
	it('ends a period at now when it reaches today', () => {
		const now = d('2024-05-20T10:00:00+07:00');
		expect(periodOf('2024-05-01', '2024-05-20', now).end).toEqual(now);
		expect(periodOf('2024-05-01', '2024-05-19', now).end.toISOString()).toBe(
			'2024-05-19T17:00:00.000Z'
		);
		expect(periodOf('2024-05-01', '2024-06-30', now).end).toEqual(now);
	});
	it('an open interval: received before the instant, not finished before it', () => {
		const t = d('2024-05-01T00:00:00+07:00');
		expect(isOpenAt(d('2024-04-30T10:00:00+07:00'), null, t)).toBe(true);
		expect(isOpenAt(d('2024-04-30T10:00:00+07:00'), t, t)).toBe(true);
		expect(isOpenAt(d('2024-04-30T10:00:00+07:00'), d('2024-04-30T23:59:59+07:00'), t)).toBe(false);
		expect(isOpenAt(t, null, t)).toBe(false);
		expect(isOpenAt(null, null, t)).toBe(false);
	});
});

const ev = (seq: number, type: string, at: string, extra: Partial<FoldEvent> = {}): FoldEvent => ({
	seq,
	id: `e${seq}`,
	type,
	at: d(at),
	unit: 'U1',
	...extra
});

describe('fold', () => {
	const recv = ev(1, 'dossier.received', '2024-05-06T08:00:00+07:00', {
		channel: 'online',
		onlineLevel: 'full',
		dueAt: d('2024-05-10T17:00:00+07:00'),
		procedure: 'P',
		field: 'F'
	});
	const resched = ev(2, 'dossier.rescheduled', '2024-05-10T10:00:00+07:00', {
		dueAt: d('2024-05-15T17:00:00+07:00'),
		apology: true
	});
	const resolved = ev(3, 'dossier.resolved', '2024-05-13T09:00:00+07:00', {
		resultDigitized: true
	});
	const rated = ev(4, 'dossier.rated', '2024-05-13T10:00:00+07:00', { level: 'satisfied' });

	it('is independent of arrival order and judges against the first dueAt', () => {
		const a = foldDossier('X', [recv, resched, resolved, rated]);
		const b = foldDossier('X', [rated, resolved, resched, recv]);
		expect(b).toEqual(a);
		expect(a.outcome).toBe('overdue');
		expect(a.dueAt).toEqual(d('2024-05-15T17:00:00+07:00'));
		expect(a.firstDueAt).toEqual(d('2024-05-10T17:00:00+07:00'));
		expect(a.flags).toEqual([]);
		expect(a.apologyAts).toHaveLength(1);
	});
	it('a later received corrects attributes but keeps the first receipt time', () => {
		const fix = ev(9, 'dossier.received', '2024-05-06T09:00:00+07:00', {
			channel: 'direct',
			dueAt: d('2024-05-12T17:00:00+07:00'),
			procedure: 'P2',
			field: 'F'
		});
		const s = foldDossier('X', [fix, recv]);
		expect(s.receivedAt).toEqual(recv.at);
		expect(s.channel).toBe('direct');
		expect(s.onlineLevel).toBeNull();
		expect(s.procedure).toBe('P2');
		expect(s.firstDueAt).toEqual(d('2024-05-12T17:00:00+07:00'));
	});
	it('counts nothing but its rating before the receipt is known', () => {
		const s = foldDossier('X', [resolved, rated]);
		expect(s.received).toBe(false);
		expect(s.outcome).toBeNull();
		expect(dossierContribution(s)).toEqual({
			'2024-05-13': [COUNTERS.indexOf('rated'), COUNTERS.indexOf('satisfied')]
		});
	});
	it('flags phantom overdue, missing apology and many supplements', () => {
		const late = ev(5, 'dossier.resolved', '2024-05-11T09:00:00+07:00');
		const ret = ev(6, 'dossier.returned', '2024-05-10T15:00:00+07:00');
		expect(foldDossier('X', [recv, late, ret]).flags).toEqual(['phantom_overdue', 'no_apology']);
		const sup = (n: number) =>
			ev(10 + n, 'dossier.supplement_requested', `2024-05-0${7 + n}T08:00:00+07:00`);
		expect(foldDossier('X', [recv, sup(0), sup(1)]).flags).toEqual(['many_supplements']);
		expect(foldDossier('X', [recv, sup(0)]).flags).toEqual([]);
	});
	it('the last terminal event decides the status', () => {
		const w = ev(7, 'dossier.withdrawn', '2024-05-08T08:00:00+07:00');
		expect(foldDossier('X', [recv, w]).status).toBe('withdrawn');
		expect(foldDossier('X', [recv, w, resolved]).status).toBe('resolved');
	});
});

describe('delta table', () => {
	it('new minus old contribution leaves only the change', () => {
		const recv = ev(1, 'dossier.received', '2024-05-06T08:00:00+07:00', {
			channel: 'online',
			dueAt: d('2024-05-10T17:00:00+07:00')
		});
		const before = foldDossier('X', [recv]);
		const after = foldDossier('X', [recv, ev(2, 'dossier.resolved', '2024-05-07T08:00:00+07:00')]);
		const t = new DeltaTable();
		t.add('U1', dossierContribution(before), -1);
		t.add('U1', dossierContribution(after), 1);
		const rows = [...t.entries()].sort((a, b) => a.day.localeCompare(b.day));
		// The resolution day gains the outcome and closes the open interval; the overdue interval closes at
		// the first appointment (it ends at the later of the two: open-counts.ts).
		expect(rows.map((r) => r.day)).toEqual(['2024-05-07', '2024-05-10']);
		const changed = (i: number) => COUNTERS.filter((_, k) => rows[i].values[k] !== 0);
		expect(changed(0)).toEqual(['resolved', 'early', 'open_out']);
		expect(changed(1)).toEqual(['due_out']);
		expect(rows[1].values[COUNTERS.indexOf('due_out')]).toBe(1);
	});
	it('a table of some counters keeps those only, in its own order, and leaves out the days they do not move', () => {
		const recv = ev(1, 'dossier.received', '2024-05-06T08:00:00+07:00', {
			channel: 'online',
			dueAt: d('2024-05-10T17:00:00+07:00')
		});
		const after = foldDossier('X', [recv, ev(2, 'dossier.resolved', '2024-05-07T08:00:00+07:00')]);
		const t = new DeltaTable(['open_out', 'received', 'due_out']);
		t.add('U1', dossierContribution(after), 1);
		const rows = [...t.entries()].sort((a, b) => a.day.localeCompare(b.day));
		expect(rows.map((r) => [r.day, [...r.values]])).toEqual([
			['2024-05-06', [0, 1, 0]],
			['2024-05-07', [1, 0, 0]],
			['2024-05-10', [0, 0, 1]]
		]);
	});
});

describe('Wilson interval and ranking', () => {
	it('matches published values', () => {
		const w = wilson(2, 3)!;
		expect(w.lower).toBeCloseTo(0.2077, 4);
		expect(w.upper).toBeCloseTo(0.9385, 4);
		expect(wilson(0, 10)!.lower).toBe(0);
		expect(wilson(10, 10)!.upper).toBeCloseTo(1, 12);
		expect(wilson(0, 0)).toBeNull();
	});
	it('3 of 3 does not outrank 990 of 1,000; n = 0 last', () => {
		const c = (k: number, n: number) => ({ ...emptyCounters(), early: k, resolved: n });
		const items = rankUnits(
			[
				{ unit: 'a', name: 'A', counters: c(3, 3) },
				{ unit: 'b', name: 'B', counters: c(990, 1000) },
				{ unit: 'z', name: 'Z', counters: c(0, 0) },
				{ unit: 'c', name: 'C', counters: c(50, 100) }
			],
			'onTime'
		);
		expect(items.map((i) => `${i.rank}:${i.unit}`)).toEqual(['1:b', '2:a', '3:c', '4:z']);
		expect(items[3]).toMatchObject({ value: null, n: 0, lower: null, upper: null });
	});
});

describe('event schema', () => {
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
	it('accepts Z and offsets; refuses local times and times without seconds (docs/api.md#input-rules)', () => {
		expect(parseEvent({ ...base, at: '2024-05-06T01:00:00Z' }, 0).errors).toEqual([]);
		expect(parseEvent({ ...base, at: '2024-05-06T08:00:00.5+0700' }, 0).errors).toEqual([]);
		expect(parseEvent({ ...base, at: '2024-05-06T08:00+07:00' }, 0).errors[0].path).toBe('at');
		expect(parseEvent({ ...base, at: '2024-05-06T08:00:00' }, 0).errors[0].path).toBe('at');
	});
	it('needs dueAt or processingDays, half days only, dueAt not before at', () => {
		const { dueAt: _, ...noDue } = base;
		expect(parseEvent(noDue, 3).errors).toEqual([
			{ index: 3, path: 'dueAt', message: expect.stringMatching(/processingDays/) }
		]);
		expect(parseEvent({ ...noDue, processingDays: 0.5 }, 0).errors).toEqual([]);
		expect(parseEvent({ ...noDue, processingDays: 1.25 }, 0).errors[0].path).toBe('processingDays');
		expect(parseEvent({ ...base, dueAt: '2024-05-05T08:00:00+07:00' }, 0).errors[0].path).toBe(
			'dueAt'
		);
	});
	it('a rating needs no dossier; other dossier events do', () => {
		expect(
			parseEvent({ id: 'r', type: 'dossier.rated', at: base.at, unit: 'U', level: 'satisfied' }, 0)
				.errors
		).toEqual([]);
		expect(
			parseEvent({ id: 'r', type: 'dossier.returned', at: base.at, unit: 'U' }, 0).errors[0]
		).toMatchObject({ path: 'dossier', message: 'is required' });
	});
});
