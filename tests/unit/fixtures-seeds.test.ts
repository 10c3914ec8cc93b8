/**
 * Self-check of the seed fixtures: recompute every expected figure from the
 * generated events with a straightforward, independent reading of docs/api.md#ingest and docs/domain.md#figures,
 * and check the numbers of docs/domain.md#reference-reports literally.
 */
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../src/lib/domain/events/schema.ts';
import { HOLIDAYS } from '../fixtures/calendar.ts';
import {
	SEED_NAMES,
	allSeedFixtures,
	expectedFor,
	phuSonQ3_2022,
	seedFixture,
	thanhLoa2023,
	vinhHoa2022Q1_2023,
	type FixtureEvent,
	type FixtureUnit,
	type SeedFixture,
	type Summary
} from '../fixtures/seeds.ts';

const H7 = 7 * 3_600_000;
const ms = (iso: string): number => Date.parse(iso);
const localDay = (t: number): string => new Date(t + H7).toISOString().slice(0, 10);
const localMinute = (t: number): number => {
	const d = new Date(t + H7);
	return d.getUTCHours() * 60 + d.getUTCMinutes();
};
const dayStart = (day: string): number => ms(`${day}T00:00:00+07:00`);
const pct = (num: number, den: number): number => Math.round((1000 * num) / den) / 10;

type Dossier = {
	unit: string;
	receivedAt: number;
	channel: string;
	onlineLevel?: string;
	digitized: boolean;
	firstDueAt: number | null;
	processingDays: number | null;
	resolvedAt: number | null;
	resultDigitized: boolean;
	finishedAt: number | null;
	returnedAt: number | null;
	rescheduledTo: number | null;
	events: FixtureEvent[];
};

function foldDossiers(events: readonly FixtureEvent[]): Map<string, Dossier> {
	const byCode = new Map<string, FixtureEvent[]>();
	for (const e of events)
		if (e.dossier && e.type.startsWith('dossier.') && e.type !== 'dossier.rated')
			(byCode.get(e.dossier) ?? byCode.set(e.dossier, []).get(e.dossier)!).push(e);
	const out = new Map<string, Dossier>();
	for (const [code, evs] of byCode) {
		const sorted = [...evs].sort((a, b) => ms(a.at) - ms(b.at));
		const recv = sorted.find((e) => e.type === 'dossier.received');
		if (!recv || recv.type !== 'dossier.received') throw new Error(`${code}: no dossier.received`);
		const d: Dossier = {
			unit: recv.unit,
			receivedAt: ms(recv.at),
			channel: recv.channel,
			onlineLevel: recv.onlineLevel,
			digitized: recv.digitized === true,
			firstDueAt: recv.dueAt ? ms(recv.dueAt) : null,
			processingDays: recv.processingDays ?? null,
			resolvedAt: null,
			resultDigitized: false,
			finishedAt: null,
			returnedAt: null,
			rescheduledTo: null,
			events: sorted
		};
		for (const e of sorted) {
			if (e.type === 'dossier.resolved') {
				d.resolvedAt = d.finishedAt = ms(e.at);
				d.resultDigitized = e.resultDigitized === true;
			} else if (e.type === 'dossier.withdrawn' || e.type === 'dossier.rejected')
				d.finishedAt = ms(e.at);
			else if (e.type === 'dossier.returned') d.returnedAt = ms(e.at);
			else if (e.type === 'dossier.rescheduled') d.rescheduledTo = ms(e.dueAt);
		}
		out.set(code, d);
	}
	return out;
}

function outcomeOf(d: Dossier): 'early' | 'on_time' | 'overdue' {
	const resolved = d.resolvedAt as number;
	if (d.firstDueAt !== null) {
		if (resolved > d.firstDueAt) return 'overdue';
		return localDay(resolved) < localDay(d.firstDueAt) ? 'early' : 'on_time';
	}
	// processingDays only: the fixture resolves it the day it was received, before
	// 17:00, with processingDays ≥ 1 — so whatever the working-day calendar, the due
	// day is a later day and the outcome is early.
	expect(Number.isInteger(d.processingDays) && (d.processingDays as number) >= 1).toBe(true);
	expect(localDay(resolved)).toBe(localDay(d.receivedAt));
	expect(localMinute(resolved)).toBeLessThan(17 * 60);
	return 'early';
}

function subtree(units: readonly FixtureUnit[], root: string): Set<string> {
	const set = new Set([root]);
	for (let grew = true; grew;) {
		grew = false;
		for (const u of units)
			if (u.parentCode && set.has(u.parentCode) && !set.has(u.code))
				grew = set.add(u.code).size > 0;
	}
	return set;
}

function summarize(
	events: readonly FixtureEvent[],
	units: readonly FixtureUnit[],
	unit: string,
	from: string,
	to: string
): Summary {
	const scope = subtree(units, unit);
	const start = dayStart(from);
	const end = dayStart(to) + 86_400_000; // exclusive
	const inPeriod = (t: number | null): boolean => t !== null && t >= start && t < end;
	const s: Summary = {
		received: { total: 0, new: 0, carriedOver: 0, direct: 0, online: 0, postal: 0, onlineFull: 0 },
		resolved: { total: 0, early: 0, onTime: 0, overdue: 0 },
		pending: { total: 0, withinDeadline: 0, overdue: 0 },
		withdrawn: 0,
		rejected: 0,
		apologies: 0,
		digitized: { intake: 0, result: 0 },
		ratings: { total: 0, verySatisfied: 0, satisfied: 0, unsatisfied: 0 },
		feedback: { received: 0, resolved: 0 },
		rates: {
			onTime: null,
			online: null,
			digitizedIntake: null,
			digitizedResult: null,
			satisfaction: null
		}
	};
	for (const d of foldDossiers(events).values()) {
		if (!scope.has(d.unit)) continue;
		if (inPeriod(d.receivedAt)) {
			s.received.new++;
			s.received[d.channel as 'direct' | 'online' | 'postal']++;
			if (d.channel === 'online' && d.onlineLevel === 'full') s.received.onlineFull++;
			if (d.digitized) s.digitized.intake++;
		}
		if (d.receivedAt < start && !(d.finishedAt !== null && d.finishedAt < start))
			s.received.carriedOver++;
		if (inPeriod(d.resolvedAt)) {
			s.resolved.total++;
			const o = outcomeOf(d);
			if (o === 'early') s.resolved.early++;
			else if (o === 'on_time') s.resolved.onTime++;
			else s.resolved.overdue++;
			if (d.resultDigitized) s.digitized.result++;
		}
		if (d.receivedAt < end && !(d.finishedAt !== null && d.finishedAt < end)) {
			expect(d.firstDueAt, 'pending dossiers carry a dueAt').not.toBeNull();
			expect(d.rescheduledTo, 'pending dossiers are not rescheduled').toBeNull();
			s.pending.total++;
			if ((d.firstDueAt as number) < end) s.pending.overdue++;
			else s.pending.withinDeadline++;
		}
	}
	for (const e of events) {
		if (!scope.has(e.unit) || !inPeriod(ms(e.at))) continue;
		if (e.type === 'dossier.withdrawn') s.withdrawn++;
		else if (e.type === 'dossier.rejected') s.rejected++;
		else if (e.type === 'dossier.rescheduled' && e.apology) s.apologies++;
		else if (e.type === 'feedback.received') s.feedback.received++;
		else if (e.type === 'feedback.resolved') s.feedback.resolved++;
		else if (e.type === 'dossier.rated') {
			s.ratings.total++;
			s.ratings[e.level === 'very_satisfied' ? 'verySatisfied' : e.level]++;
		}
	}
	s.received.total = s.received.new + s.received.carriedOver;
	const r = (n: number, d: number): number | null => (d === 0 ? null : n / d);
	s.rates = {
		onTime: r(s.resolved.early + s.resolved.onTime, s.resolved.total),
		online: r(s.received.online, s.received.new),
		digitizedIntake: r(s.digitized.intake, s.received.new),
		digitizedResult: r(s.digitized.result, s.resolved.total),
		satisfaction: r(s.ratings.verySatisfied + s.ratings.satisfied, s.ratings.total)
	};
	return s;
}

const fixtures = allSeedFixtures(1);
const byName = Object.fromEntries(fixtures.map((f) => [f.name, f])) as Record<
	(typeof SEED_NAMES)[number],
	SeedFixture
>;
const summaryOf = (f: SeedFixture, from: string, to: string): Summary =>
	summarize(f.events, f.units, f.units[f.units.length - 1].code, from, to);

describe('seed fixtures reproduce the reference reports (docs/domain.md#reference-reports)', () => {
	it('003 Phú Sơn ward, Q3/2022', () => {
		const s = summaryOf(byName.phuSon, '2022-07-01', '2022-09-30');
		expect([s.received.new, s.received.online, s.received.direct, s.received.carriedOver]).toEqual([
			389, 131, 258, 0
		]);
		expect([s.resolved.total, s.resolved.early, s.resolved.onTime, s.resolved.overdue]).toEqual([
			389, 316, 70, 3
		]);
		expect(s.pending.total).toBe(0);
		expect(s.apologies).toBe(0); // "Số lượng văn bản đã thực hiện xin lỗi: Không"
		expect(s.feedback).toEqual({ received: 0, resolved: 0 });
		expect(pct(s.ratings.verySatisfied, s.ratings.total)).toBe(81.6);
		expect(pct(s.ratings.satisfied, s.ratings.total)).toBe(18.4);
		expect(s.ratings.unsatisfied).toBe(0);
	});

	it('000 Thanh Lòa commune, 12/12/2022–12/12/2023', () => {
		const s = summaryOf(byName.thanhLoa, '2022-12-12', '2023-12-12');
		expect([
			s.received.new,
			s.received.online,
			s.received.direct + s.received.postal,
			s.received.carriedOver
		]).toEqual([2509, 1810, 699, 0]);
		expect([s.resolved.total, s.resolved.early + s.resolved.onTime, s.resolved.overdue]).toEqual([
			2509, 2507, 2
		]);
		expect(s.pending.total).toBe(0);
		expect(s.feedback).toEqual({ received: 0, resolved: 0 });
		expect(pct(s.received.online, s.received.new)).toBe(72.1);
	});

	it('002 Vĩnh Hòa commune, 2022 and Q1/2023', () => {
		const y = summaryOf(byName.vinhHoa, '2022-01-01', '2022-12-31');
		expect([y.received.new, y.received.online, y.resolved.overdue, y.pending.overdue]).toEqual([
			1421, 305, 0, 0
		]);
		const q = summaryOf(byName.vinhHoa, '2023-01-01', '2023-03-31');
		expect([q.received.new, q.received.online, q.resolved.overdue, q.pending.total]).toEqual([
			318, 129, 0, 0
		]);
		expect(q.received.carriedOver).toBeGreaterThan(0);
		expect(q.received.carriedOver).toBe(y.pending.total);
		expect(q.received.total).toBe(318 + q.received.carriedOver);
	});

	it.each(SEED_NAMES)(
		'%s: every expected check equals the recomputed summary (seeds 1 and 2)',
		(name) => {
			for (const f of [byName[name], seedFixture(name, 2)]) {
				expect(f.expected.length).toBeGreaterThan(0);
				for (const c of f.expected)
					expect(
						summarize(f.events, f.units, c.unit, c.from, c.to),
						`${c.unit} ${c.from}..${c.to}`
					).toMatchObject(c.summary);
			}
			expect(expectedFor(name)).toEqual(byName[name].expected);
		}
	);
});

describe('seed fixture streams are well formed', () => {
	const periods: Record<string, [string, string]> = {
		phuSon: ['2022-07-01', '2022-09-30'],
		thanhLoa: ['2022-12-12', '2023-12-12'],
		vinhHoa: ['2022-01-01', '2023-03-31']
	};

	it.each(SEED_NAMES)(
		'%s: valid per the ingest schema, office hours, inside the period, unique ids',
		(name) => {
			const f = byName[name];
			expect(parseBatch(f.events).errors).toEqual([]);
			const [from, to] = periods[name];
			const codes = new Set(f.units.map((u) => u.code));
			for (const e of f.events) {
				expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
				const t = ms(e.at);
				const wd = new Date(t + H7).getUTCDay();
				expect(wd >= 1 && wd <= 5 && !HOLIDAYS.has(localDay(t)), `${e.id} on a working day`).toBe(
					true
				);
				expect(localMinute(t)).toBeGreaterThanOrEqual(7 * 60 + 30);
				expect(localMinute(t)).toBeLessThan(17 * 60);
				expect(localDay(t) >= from && localDay(t) <= to, `${e.id} in ${from}..${to}`).toBe(true);
				expect(codes.has(e.unit)).toBe(true);
			}
			expect(new Set(f.events.map((e) => e.id)).size).toBe(f.events.length);
			const times = f.events.map((e) => ms(e.at));
			expect(times.every((t, i) => i === 0 || times[i - 1] <= t)).toBe(true);
		}
	);

	it.each(SEED_NAMES)('%s: each dossier tells a coherent story', (name) => {
		const dossiers = foldDossiers(byName[name].events);
		for (const [code, d] of dossiers) {
			const recvs = d.events.filter((e) => e.type === 'dossier.received');
			const {
				id: _a,
				procedureName: _b,
				fieldName: _c,
				...first
			} = recvs[0] as Extract<FixtureEvent, { type: 'dossier.received' }>;
			for (const r of recvs.slice(1))
				expect(r, `${code} correction keeps the figures' attributes`).toMatchObject(first);
			expect(d.events.filter((e) => e.type === 'dossier.resolved')).toHaveLength(1);
			expect(d.events.every((e) => e.unit === d.unit)).toBe(true);
			expect((d.firstDueAt === null) !== (d.processingDays === null)).toBe(true);
			const resolved = d.resolvedAt as number;
			expect(resolved).toBeGreaterThan(d.receivedAt);
			if (d.firstDueAt !== null) expect(d.firstDueAt).toBeGreaterThan(d.receivedAt);
			for (const e of d.events) {
				if (e.type === 'dossier.supplement_requested') expect(ms(e.at)).toBeLessThan(resolved);
				if (e.type === 'dossier.rescheduled') {
					expect(ms(e.dueAt)).toBeGreaterThan(d.firstDueAt as number);
					expect(ms(e.at)).toBeLessThan(e.apology ? (d.firstDueAt as number) : resolved);
				}
			}
			const phantom = d.returnedAt !== null && d.returnedAt < resolved;
			if (phantom)
				expect(
					outcomeOf(d) === 'overdue' && (d.returnedAt as number) < (d.firstDueAt as number)
				).toBe(true);
		}
		for (const e of byName[name].events)
			if (e.type === 'dossier.rated' && e.dossier) expect(dossiers.has(e.dossier)).toBe(true);
	});

	it('dossier codes and event ids are unique across all seeds', () => {
		const codes = fixtures.flatMap((f) => [
			...new Set(f.events.flatMap((e) => (e.dossier ? [e.dossier] : [])))
		]);
		expect(new Set(codes).size).toBe(codes.length);
		const ids = fixtures.flatMap((f) => f.events.map((e) => e.id));
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('is deterministic for a seed number and varies with it', () => {
		expect(phuSonQ3_2022(7)).toEqual(phuSonQ3_2022(7));
		expect(JSON.stringify(phuSonQ3_2022(7).events)).not.toBe(
			JSON.stringify(phuSonQ3_2022(8).events)
		);
		expect(thanhLoa2023(3).expected).toEqual(thanhLoa2023(4).expected);
		expect(vinhHoa2022Q1_2023(5).events.length).toBe(vinhHoa2022Q1_2023(6).events.length);
	});
});
