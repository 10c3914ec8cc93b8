/**
 * Twelve months of demo history, as API events (docs/api.md#event-fields), generated window by
 * window (most recent first). Every (unit, day) has its own seeded stream, so
 * any window can be generated alone and always gives the same events.
 *
 * Intake: only on working days (never on a weekend, a public holiday or
 * during Tết), busier before Tết and on Mondays, quieter in the week after
 * Tết and on Fridays; per unit, its profile's size × the day's factor × a
 * scale that makes the expected total equal the requested number of dossiers.
 */
import { HOLIDAY_NAMES } from '../../domain/calendar/index.ts';
import { weekdayOfNumber } from '../../domain/calendar/days.ts';
import { CLOSE, atLocal, localDayNumber, officeMinute, yymmdd, type WorkDays } from './clock.ts';
import { lifecycle, newReceipt, type DemoEvent, type Receipt } from './lifecycle.ts';
import type { UnitProfile } from './profiles.ts';
import { createRng, hashSeed } from './rng.ts';

export type HistoryPlan = {
	seed: number;
	now: Date;
	firstDay: number;
	lastDay: number;
	/** Intake factor of each day from firstDay (0 on days off). */
	factors: number[];
	scale: number;
	/** Expected number of dossiers (the Poisson mean). */
	expected: number;
	profiles: UnitProfile[];
	work: WorkDays;
};

const WEEKDAY = [0, 1.15, 1.05, 1, 1, 0.85, 0.8];

function isTet(work: WorkDays, n: number): boolean {
	return (work.holiday(n) ?? '').includes(HOLIDAY_NAMES.tet);
}

/** Day factors: 0 off, Tết rush before and dip after, weekday pattern, a gentle seasonal wave. */
export function dayFactors(work: WorkDays, firstDay: number, lastDay: number): number[] {
	const factors: number[] = [];
	for (let n = firstDay; n <= lastDay; n++) {
		factors.push(
			work.is(n) ? WEEKDAY[weekdayOfNumber(n)] * (1 + 0.08 * Math.sin((2 * Math.PI * n) / 365)) : 0
		);
	}
	const scaleDay = (d: number, f: number) => {
		if (d >= firstDay && d <= lastDay) factors[d - firstDay] *= f;
	};
	for (let n = firstDay - 10; n <= lastDay; n++) {
		// n: the first day of a Tết break.
		if (!isTet(work, n) || isTet(work, n - 1)) continue;
		// The five working days before it are busier…
		for (let d = n - 1, k = 0; k < 5; d--) {
			if (work.is(d)) {
				scaleDay(d, 1.25);
				k++;
			}
		}
		let end = n;
		while (isTet(work, end + 1) || !work.is(end + 1)) end++;
		// …and the five after it much quieter.
		for (let d = end + 1, k = 0; k < 5; d++) {
			if (work.is(d)) {
				scaleDay(d, 0.55);
				k++;
			}
		}
	}
	return factors;
}

export function planHistory(opts: {
	seed: number;
	now: Date;
	dossiers: number;
	profiles: UnitProfile[];
	work: WorkDays;
}): HistoryPlan {
	const lastDay = localDayNumber(opts.now);
	const firstDay = lastDay - 365;
	const factors = dayFactors(opts.work, firstDay, lastDay);
	const sizes = opts.profiles.reduce((s, p) => s + p.size, 0);
	const natural = factors.reduce((s, f) => s + f, 0) * sizes;
	const scale = natural > 0 ? opts.dossiers / natural : 0;
	return {
		...opts,
		firstDay,
		lastDay,
		factors,
		scale,
		expected: opts.dossiers,
		profiles: opts.profiles
	};
}

/** Receipt time: office hours; a fifth of online dossiers in the evening or early morning. */
function receiptMinute(rng: ReturnType<typeof createRng>, online: boolean): number {
	if (online && rng.chance(0.2))
		return rng.chance(0.8) ? rng.range(CLOSE, 22 * 60) : rng.range(6 * 60, 7 * 60 + 30);
	return officeMinute(rng);
}

function feedbackEvents(plan: HistoryPlan, p: UnitProfile, n: number, out: DemoEvent[]): void {
	const rng = createRng(hashSeed(plan.seed, 'pakn', p.code, n));
	const k = rng.poisson(p.feedbackRate * plan.scale);
	const limit = plan.now.toISOString();
	for (let i = 1; i <= k; i++) {
		const feedback = `PAKN-${p.code}-${yymmdd(n)}-${i}`;
		const kind = rng.chance(0.6) ? 'regulation' : 'conduct';
		const at = atLocal(n, officeMinute(rng)).toISOString();
		if (at <= limit)
			out.push({
				id: `${feedback}:r`,
				type: 'feedback.received',
				at,
				unit: p.code,
				feedback,
				kind
			});
		const done = atLocal(plan.work.add(n, rng.int(1, 15)), officeMinute(rng)).toISOString();
		if (rng.chance(0.95) && done <= limit)
			out.push({
				id: `${feedback}:k`,
				type: 'feedback.resolved',
				at: done,
				unit: p.code,
				feedback,
				kind
			});
	}
}

/** The events of the dossiers (and PAKN) received on days [from, to], and how many dossiers. */
export function windowEvents(
	plan: HistoryPlan,
	from: number,
	to: number
): { events: DemoEvent[]; dossiers: number } {
	const events: DemoEvent[] = [];
	let dossiers = 0;
	const span = plan.lastDay - plan.firstDay;
	for (let n = Math.max(from, plan.firstDay); n <= Math.min(to, plan.lastDay); n++) {
		const factor = plan.factors[n - plan.firstDay];
		if (factor === 0) continue;
		const yearFraction = (n - plan.firstDay) / span;
		for (const p of plan.profiles) {
			const rng = createRng(hashSeed(plan.seed, 'day', p.code, n));
			const k = rng.poisson(p.size * factor * plan.scale);
			const receipts: Receipt[] = [];
			for (let i = 0; i < k; i++) {
				const r = newReceipt(
					rng,
					p,
					plan.work,
					'',
					(channel) => atLocal(n, receiptMinute(rng, channel === 'online')),
					yearFraction
				);
				if (r.receivedAt <= plan.now) receipts.push(r);
			}
			receipts.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
			receipts.forEach((r, i) => {
				r.code = `${p.code}-${yymmdd(n)}-${String(i + 1).padStart(4, '0')}`;
				for (const e of lifecycle(rng, p, plan.work, r, plan.now)) events.push(e);
			});
			dossiers += receipts.length;
			feedbackEvents(plan, p, n, events);
		}
	}
	return { events, dossiers };
}

/** Windows of `days` days, the most recent first: [from, to] day numbers. */
export function windows(plan: HistoryPlan, days = 7): [number, number][] {
	const out: [number, number][] = [];
	for (let to = plan.lastDay; to >= plan.firstDay; to -= days)
		out.push([Math.max(plan.firstDay, to - days + 1), to]);
	return out;
}
