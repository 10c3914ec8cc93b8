/** The demo's generated events: valid API events (docs/api.md#event-fields), working days only, deterministic; and the live feed's actions. */
import { describe, expect, it } from 'vitest';
import { createCalendar, localDay } from '../../src/lib/domain/calendar/index.ts';
import { parseBatch } from '../../src/lib/domain/events/schema.ts';
import { localDayNumber, workDays } from '../../src/lib/server/demo/clock.ts';
import { planHistory, windowEvents, windows } from '../../src/lib/server/demo/history-plan.ts';
import type { DemoEvent } from '../../src/lib/server/demo/lifecycle.ts';
import { createLiveState, liveAction, liveMode } from '../../src/lib/server/demo/live.ts';
import { buildProfiles } from '../../src/lib/server/demo/profiles.ts';
import { generateProvince } from '../../src/lib/server/demo/province.ts';
import { createRng } from '../../src/lib/server/demo/rng.ts';

const calendar = createCalendar();
const work = workDays(calendar);
const province = generateProvince({ seed: 20250701 });
const profiles = [...buildProfiles(20250701, province.counters).values()];
const NOW = new Date('2026-03-11T15:00:00+07:00'); // a Wednesday, three weeks after Tết 2026

function allEvents(plan: ReturnType<typeof planHistory>): DemoEvent[] {
	return windows(plan).flatMap(([a, b]) => windowEvents(plan, a, b).events);
}

describe('demo history', () => {
	const plan = planHistory({ seed: 20250701, now: NOW, dossiers: 8000, profiles, work });
	const events = allEvents(plan);
	const receipts = events.filter((e) => e.type === 'dossier.received');

	it('covers the twelve months up to now, most recent week first', () => {
		const w = windows(plan);
		expect(w[0][1]).toBe(localDayNumber(NOW));
		expect(w[w.length - 1][0]).toBe(plan.firstDay);
		for (let i = 1; i < w.length; i++) expect(w[i][1]).toBe(w[i - 1][0] - 1);
	});

	it('are valid contract events with unique ids, none after now', () => {
		for (let i = 0; i < events.length; i += 5000)
			expect(parseBatch(events.slice(i, i + 5000)).errors).toEqual([]);
		expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
		expect(events.every((e) => e.at <= NOW.toISOString())).toBe(true);
		expect(receipts.length).toBeGreaterThan(8000 * 0.95);
		expect(receipts.length).toBeLessThan(8000 * 1.05);
		expect(receipts.some((e) => e.processingDays !== undefined && e.dueAt === undefined)).toBe(
			true
		);
		expect(receipts.some((e) => e.dueAt !== undefined && e.processingDays === undefined)).toBe(
			true
		);
	});

	it('receives nothing on a day off (weekends, holidays, Tết) and less in the week after Tết', () => {
		const days = receipts.map((e) => localDay(new Date(e.at)));
		expect(days.filter((d) => !calendar.isWorkingDay(d))).toEqual([]);
		expect(days.filter((d) => d >= '2026-02-14' && d <= '2026-02-22')).toEqual([]);
		const perDay = (from: string, to: string) => {
			const n = days.filter((d) => d >= from && d <= to).length;
			const working = new Set(days.filter((d) => d >= from && d <= to)).size;
			return n / working;
		};
		expect(perDay('2026-02-23', '2026-02-27')).toBeLessThan(
			0.75 * perDay('2026-03-02', '2026-03-06')
		);
	});

	it('leaves recent dossiers pending (some overdue), and has phantom, late, rated and apologised dossiers', () => {
		const byDossier = new Map<string, DemoEvent[]>();
		for (const e of events)
			if (e.dossier)
				byDossier.set(e.dossier as string, [...(byDossier.get(e.dossier as string) ?? []), e]);
		const terminal = new Set(['dossier.resolved', 'dossier.withdrawn', 'dossier.rejected']);
		const pending = [...byDossier.values()].filter((es) => !es.some((e) => terminal.has(e.type)));
		expect(pending.length).toBeGreaterThan(0);
		const overdue = pending.filter(
			(es) => es[0].dueAt !== undefined && (es[0].dueAt as string) < NOW.toISOString()
		);
		expect(overdue.length).toBeGreaterThan(0);
		const phantom = [...byDossier.values()].filter((es) => {
			const ret = es.find((e) => e.type === 'dossier.returned');
			const res = es.find((e) => e.type === 'dossier.resolved');
			return ret && (!res || ret.at < res.at);
		});
		expect(phantom.length).toBeGreaterThan(0);
		for (const type of [
			'dossier.rated',
			'dossier.rescheduled',
			'dossier.supplement_requested',
			'feedback.received'
		]) {
			expect(events.some((e) => e.type === type)).toBe(true);
		}
	});

	it('is deterministic, window by window', () => {
		const again = planHistory({ seed: 20250701, now: NOW, dossiers: 8000, profiles, work });
		const [a, b] = windows(again)[3];
		expect(windowEvents(again, a, b)).toEqual(windowEvents(plan, a, b));
		expect(allEvents(again)).toEqual(events);
	});
});

describe('demo live feed actions', () => {
	const at = (s: string) => new Date(s);

	it('knows office hours, evenings and days off', () => {
		expect(liveMode(work, at('2026-03-11T10:00:00+07:00'))).toBe('office');
		expect(liveMode(work, at('2026-03-11T07:29:00+07:00'))).toBe('evening');
		expect(liveMode(work, at('2026-03-11T19:00:00+07:00'))).toBe('evening');
		expect(liveMode(work, at('2026-03-15T10:00:00+07:00'))).toBe('off'); // Sunday
		expect(liveMode(work, at('2026-02-17T10:00:00+07:00'))).toBe('off'); // Tết
	});

	it('sends valid events; receipts and resolutions in office hours, never a receipt on a day off', () => {
		const state = createLiveState(createRng(1), work, profiles, '260311', 0);
		const office: DemoEvent[] = [];
		for (let i = 0; i < 400; i++)
			office.push(...liveAction(state, 'office', at('2026-03-11T10:00:00+07:00')));
		expect(parseBatch(office).errors).toEqual([]);
		expect(new Set(office.map((e) => e.id)).size).toBe(office.length);
		const types = new Set(office.map((e) => e.type));
		for (const t of ['dossier.received', 'dossier.resolved', 'dossier.returned', 'dossier.rated'])
			expect(types.has(t)).toBe(true);
		expect(
			office
				.filter((e) => e.type === 'dossier.received')
				.every((e) => /^99\d{3}-260311-9\d{5}$/.test(e.dossier as string))
		).toBe(true);

		const sunday: DemoEvent[] = [];
		for (let i = 0; i < 200; i++)
			sunday.push(...liveAction(state, 'off', at('2026-03-15T10:00:00+07:00')));
		expect(sunday.length).toBeGreaterThan(0);
		expect(parseBatch(sunday).errors).toEqual([]);
		expect(sunday.some((e) => e.type === 'dossier.received')).toBe(false);

		const evening: DemoEvent[] = [];
		for (let i = 0; i < 200; i++)
			evening.push(...liveAction(state, 'evening', at('2026-03-11T20:00:00+07:00')));
		expect(
			evening.filter((e) => e.type === 'dossier.received').every((e) => e.channel === 'online')
		).toBe(true);
	});
});
