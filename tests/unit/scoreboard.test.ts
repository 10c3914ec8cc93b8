/** The scoreboard's formulas (docs/domain.md#scoreboard, domain/figures/scoreboard.ts) on hand-computed cases. */
import { describe, expect, it } from 'vitest';
import {
	pointsLost,
	progressIfLate,
	scoreboardOf
} from '../../src/lib/domain/figures/scoreboard.ts';
import type { Summary } from '../../src/lib/domain/figures/summary.ts';

function summary(p: {
	early?: number;
	onTime?: number;
	overdue?: number;
	within?: number;
	pendingOverdue?: number;
	newN?: number;
	online?: number;
	vs?: number;
	s?: number;
	u?: number;
}): Summary {
	const early = p.early ?? 0;
	const onTime = p.onTime ?? 0;
	const overdue = p.overdue ?? 0;
	const within = p.within ?? 0;
	const po = p.pendingOverdue ?? 0;
	const n = p.newN ?? 0;
	const online = p.online ?? 0;
	const [vs, s, u] = [p.vs ?? 0, p.s ?? 0, p.u ?? 0];
	return {
		unit: '46',
		from: '2026-01-01',
		to: '2026-03-31',
		received: {
			total: n,
			new: n,
			carriedOver: 0,
			direct: n - online,
			online,
			postal: 0,
			onlineFull: 0
		},
		resolved: { total: early + onTime + overdue, early, onTime, overdue },
		pending: { total: within + po, withinDeadline: within, overdue: po },
		withdrawn: 0,
		rejected: 0,
		apologies: 0,
		digitized: { intake: 0, result: 0 },
		ratings: { total: vs + s + u, verySatisfied: vs, satisfied: s, unsatisfied: u },
		feedback: { received: 0, resolved: 0 },
		rates: {
			onTime: null,
			online: null,
			digitizedIntake: null,
			digitizedResult: null,
			satisfaction: null
		}
	};
}
const none = { resolvedInTime: 0, pendingWithinDeadline: 0 };

describe('scoreboard (Decision 766, our estimate)', () => {
	it('progress: 20 × in time / (resolved + pending); pending within the deadline counts in time', () => {
		// 60 early + 20 on time + 10 overdue resolved, 8 pending within, 2 pending overdue: 88 / 100 in time.
		const b = scoreboardOf(
			summary({ early: 60, onTime: 20, overdue: 10, within: 8, pendingOverdue: 2 }),
			none
		);
		expect(b.progress).toEqual({ points: 17.6, max: 20, value: 0.88, n: 100 });
	});
	it('a dossier with more than one supplement request counts as late, resolved or pending', () => {
		// Of the 88 in time, 3 resolved in time and 1 pending within had two requests: 84 / 100.
		const b = scoreboardOf(
			summary({ early: 60, onTime: 20, overdue: 10, within: 8, pendingOverdue: 2 }),
			{ resolvedInTime: 3, pendingWithinDeadline: 1 }
		);
		expect(b.progress.value).toBe(0.84);
		expect(b.progress.points).toBeCloseTo(16.8, 12);
	});
	it('online: full marks from 50 %, proportional below', () => {
		expect(scoreboardOf(summary({ newN: 200, online: 110 }), none).online).toEqual({
			points: 6,
			max: 6,
			value: 0.55,
			n: 200
		});
		expect(scoreboardOf(summary({ newN: 200, online: 50 }), none).online).toEqual({
			points: 3,
			max: 6,
			value: 0.25,
			n: 200
		});
		expect(scoreboardOf(summary({ newN: 4, online: 2 }), none).online.points).toBe(6);
	});
	it('satisfaction: full marks from 90 %, proportional below', () => {
		// 27 + 45 of 100 satisfied: 0.72 → 6 × 0.8 = 4.8.
		const b = scoreboardOf(summary({ vs: 27, s: 45, u: 28 }), none);
		expect(b.satisfaction.value).toBe(0.72);
		expect(b.satisfaction.points).toBeCloseTo(4.8, 12);
		expect(scoreboardOf(summary({ vs: 10 }), none).satisfaction.points).toBe(6);
	});
	it('groups without data are left out of the total', () => {
		const b = scoreboardOf(summary({ early: 9, overdue: 1, newN: 10, online: 10 }), none);
		expect(b.satisfaction).toEqual({ points: null, max: 6, value: null, n: 0 });
		expect(b.total).toEqual({ points: 18 + 6, max: 26 });
		expect(scoreboardOf(summary({}), none).total).toEqual({ points: 0, max: 0 });
		expect(pointsLost(b.progress)).toBeCloseTo(2, 12);
		expect(pointsLost(b.satisfaction)).toBe(0);
	});
	it('what-if: the dossiers due before midnight turn progress down if they are late', () => {
		const s = summary({ early: 60, onTime: 20, overdue: 10, within: 8, pendingOverdue: 2 });
		// 88 in time now, 5 of them due today: 83 / 100 if all five are late.
		const late = progressIfLate(s, none, 5);
		expect(late).toMatchObject({ max: 20, value: 0.83, n: 100 });
		expect(late.points).toBeCloseTo(16.6, 12);
		expect(progressIfLate(s, none, 0).points).toBe(scoreboardOf(s, none).progress.points);
		expect(progressIfLate(summary({}), none, 3).points).toBeNull();
	});
});
