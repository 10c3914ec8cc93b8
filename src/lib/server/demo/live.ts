/**
 * What the live demo feed does next, one action at a time, from in-memory
 * pools of demo dossiers (pending, waiting to be returned, waiting to be
 * rated) and open PAKN:
 *
 * - office hours (working day, 07:30–17:00 Asia/Ho_Chi_Minh): receipts in all
 *   channels, resolutions (the soonest deadline of a few pending dossiers, so
 *   early / on time / late as it comes), returns, ratings, supplementation
 *   requests, apology letters, withdrawals, PAKN;
 * - a working day outside office hours: online receipts, online ratings, PAKN;
 * - a day off (weekend, holiday, Tết): ratings and PAKN only — never a receipt.
 */
import { REJECT_REASONS, SUPPLEMENT_REASONS } from './catalog.ts';
import { CLOSE, OPEN, localDayNumber, minutesOfDay, yymmdd, type WorkDays } from './clock.ts';
import {
	newReceipt,
	ratingLevel,
	ratingVia,
	receivedEvent,
	type Channel,
	type DemoEvent
} from './lifecycle.ts';
import { Pool } from './pool.ts';
import type { UnitProfile } from './profiles.ts';
import type { Rng } from './rng.ts';

export type PendingItem = {
	code: string;
	unit: string;
	firstDue: number;
	channel: Channel;
	apologised: boolean;
};
export type DoneItem = { code: string; unit: string; channel: Channel };
export type FeedbackItem = { code: string; unit: string; kind: string };

export type Mode = 'office' | 'evening' | 'off';

export function liveMode(work: WorkDays, now: Date): Mode {
	if (!work.is(localDayNumber(now))) return 'off';
	const m = minutesOfDay(now);
	return m >= OPEN && m < CLOSE ? 'office' : 'evening';
}

export type LiveState = {
	rng: Rng;
	work: WorkDays;
	profiles: Map<string, UnitProfile>;
	units: UnitProfile[];
	weights: number[];
	pending: Pool<PendingItem>;
	toReturn: Pool<DoneItem>;
	toRate: Pool<DoneItem>;
	feedback: Pool<FeedbackItem>;
	/** Live dossier numbers: codes UNIT-YYMMDD-9nnnnn, counted per local day. */
	day: string;
	number: number;
	serial: number;
};

export function createLiveState(
	rng: Rng,
	work: WorkDays,
	profiles: UnitProfile[],
	day: string,
	lastNumber: number
): LiveState {
	return {
		rng,
		work,
		profiles: new Map(profiles.map((p) => [p.code, p])),
		units: profiles,
		weights: profiles.map((p) => p.size),
		pending: new Pool(50_000),
		toReturn: new Pool(5_000),
		toRate: new Pool(5_000),
		feedback: new Pool(1_000),
		day,
		number: lastNumber,
		serial: 0
	};
}

const ACTIONS = {
	office: {
		receive: 38,
		resolve: 33,
		return: 14,
		rate: 8,
		supplement: 2,
		apology: 1.5,
		withdraw: 0.4,
		reject: 0.3,
		feedback: 1,
		feedbackDone: 1
	},
	evening: { receive: 50, rate: 35, feedback: 15 },
	off: { rate: 70, feedback: 30 }
} as const;

type Action = keyof (typeof ACTIONS)['office'];

/** Events of one action at `now` (usually one event; none when nothing fits). */
export function liveAction(s: LiveState, mode: Mode, now: Date): DemoEvent[] {
	const table = ACTIONS[mode] as Partial<Record<Action, number>>;
	const names = Object.keys(table) as Action[];
	const action = names[s.rng.weighted(names.map((n) => table[n]!))];
	return (
		run(s, action, mode, now) ??
		(mode === 'off' ? run(s, 'feedback', mode, now) : run(s, 'receive', mode, now)) ??
		[]
	);
}

const at = (now: Date) => now.toISOString();
const stamp = (s: LiveState, now: Date) =>
	`${now.getTime().toString(36)}${(++s.serial).toString(36)}`;

function run(s: LiveState, action: Action, mode: Mode, now: Date): DemoEvent[] | null {
	const { rng } = s;
	const base = (d: { code: string; unit: string }) => ({
		unit: d.unit,
		dossier: d.code,
		at: at(now)
	});
	switch (action) {
		case 'receive': {
			const p = s.units[rng.weighted(s.weights)];
			const day = yymmdd(localDayNumber(now));
			if (day !== s.day) {
				s.day = day;
				s.number = 0;
			}
			const code = `${p.code}-${day}-9${String(++s.number).padStart(5, '0')}`;
			const r = newReceipt(rng, p, s.work, code, () => now, 1);
			if (mode !== 'office' && r.channel !== 'online') {
				r.channel = 'online';
				r.onlineLevel = r.procedure.full && rng.chance(p.fullShare) ? 'full' : 'partial';
			}
			s.pending.add({
				code,
				unit: p.code,
				firstDue: r.dueAt.getTime(),
				channel: r.channel,
				apologised: false
			});
			return [receivedEvent(r)];
		}
		case 'resolve': {
			const candidates = s.pending.sample(rng, 4);
			if (candidates.length === 0) return null;
			const d = candidates.reduce((a, b) => (b.firstDue < a.firstDue ? b : a));
			s.pending.remove(d.code);
			const p = s.profiles.get(d.unit);
			if (p && rng.chance(p.returnRate))
				s.toReturn.add({ code: d.code, unit: d.unit, channel: d.channel });
			if (p && rng.chance(p.ratingRate))
				s.toRate.add({ code: d.code, unit: d.unit, channel: d.channel });
			const event = {
				id: `${d.code}:k`,
				type: 'dossier.resolved',
				...base(d),
				resultDigitized: rng.chance(p?.digitizedResult ?? 0.7)
			};
			// A counter whose software syncs late: this "overdue" dossier was in fact resolved shortly before its appointment.
			if (p && p.syncLagRate > 0 && d.firstDue < now.getTime() && rng.chance(p.syncLagRate))
				event.at = new Date(d.firstDue - rng.range(5, 30) * 60_000).toISOString();
			return [event];
		}
		case 'return': {
			const d = s.toReturn.take(rng);
			return d ? [{ id: `${d.code}:t`, type: 'dossier.returned', ...base(d) }] : null;
		}
		case 'rate': {
			const d = s.toRate.take(rng);
			const p = d && s.profiles.get(d.unit);
			if (!d || !p) return null;
			const via =
				mode === 'office' ? ratingVia(rng, d.channel, p) : d.channel === 'online' ? 'online' : 'qr';
			return [
				{ id: `${d.code}:v`, type: 'dossier.rated', ...base(d), level: ratingLevel(rng, p), via }
			];
		}
		case 'supplement': {
			const [d] = s.pending.sample(rng, 1);
			if (!d) return null;
			return [
				{
					id: `${d.code}:b@${stamp(s, now)}`,
					type: 'dossier.supplement_requested',
					...base(d),
					reason: rng.pick(SUPPLEMENT_REASONS)
				}
			];
		}
		case 'apology': {
			const soon = now.getTime() + 24 * 3_600_000;
			const d = s.pending.sample(rng, 12).find((x) => !x.apologised && x.firstDue < soon);
			if (!d) return null;
			d.apologised = true;
			const dueAt = s.work.calendar.addWorkingDays(now, rng.int(1, 3)).toISOString();
			return [
				{
					id: `${d.code}:h@${stamp(s, now)}`,
					type: 'dossier.rescheduled',
					...base(d),
					dueAt,
					apology: true
				}
			];
		}
		case 'withdraw':
		case 'reject': {
			const d = s.pending.take(rng);
			if (!d) return null;
			if (action === 'withdraw')
				return [{ id: `${d.code}:w`, type: 'dossier.withdrawn', ...base(d) }];
			return [
				{
					id: `${d.code}:x`,
					type: 'dossier.rejected',
					...base(d),
					reason: rng.pick(REJECT_REASONS)
				}
			];
		}
		case 'feedback': {
			const p = s.units[rng.weighted(s.weights)];
			const code = `PAKN-${p.code}-${yymmdd(localDayNumber(now))}-${stamp(s, now)}`;
			const kind = rng.chance(0.6) ? 'regulation' : 'conduct';
			s.feedback.add({ code, unit: p.code, kind });
			return [
				{
					id: `${code}:r`,
					type: 'feedback.received',
					at: at(now),
					unit: p.code,
					feedback: code,
					kind
				}
			];
		}
		case 'feedbackDone': {
			const f = s.feedback.take(rng);
			return f
				? [
						{
							id: `${f.code}:k`,
							type: 'feedback.resolved',
							at: at(now),
							unit: f.unit,
							feedback: f.code,
							kind: f.kind
						}
					]
				: null;
		}
	}
}
