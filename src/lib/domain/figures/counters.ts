/**
 * Period counters: what each dossier, feedback item or lone rating adds to the
 * (unit, local day) rollups. The rollup table has one integer column per name
 * below, in this order; summaries and rankings are sums of these columns.
 *
 * A dossier counts once its dossier.received is known (its receipt day, channel,
 * first appointment). Ratings count on their own: a dossier's latest rating,
 * or each rating sent without a dossier. Besides the period counters, each
 * received dossier adds the four point-in-time counters of open-counts.ts and,
 * on its receipt day, its anomaly flags.
 */
import { localDay } from '../calendar/days.ts';
import type { DossierState } from '../dossier/state.ts';
import type { RatingLevel } from '../events/schema.ts';
import { overdueCause } from '../dossier/attribution.ts';

import { COUNTERS, type Counter } from './counter-names.ts';
import { openCounterTimes, type OpenTimes } from './open-counts.ts';

export { COUNTERS, type Counter };

export type Counters = Record<Counter, number>;
const INDEX = Object.fromEntries(COUNTERS.map((c, i) => [c, i])) as Record<Counter, number>;

/** What one entity adds: local day → counter indexes (repeats allowed). Stored as JSON beside the entity. */
export type Contribution = Record<string, number[]>;

const ZERO = Object.freeze(Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters);

/** All counters at 0: a copy of one frozen template (an object spread is ~15× cheaper than building it from entries, and sums() makes one per unit: 3,321 for a two-level province). */
export function emptyCounters(): Counters {
	return { ...ZERO };
}

function add(into: Contribution, at: Date, ...counters: Counter[]): void {
	const day = localDay(at);
	(into[day] ??= []).push(...counters.map((c) => INDEX[c]));
}

function addRating(into: Contribution, at: Date, level: RatingLevel): void {
	add(into, at, 'rated', level);
}

export function dossierContribution(s: DossierState): Contribution {
	const c: Contribution = {};
	if (s.rating && s.ratedAt) addRating(c, s.ratedAt, s.rating);
	if (!s.received || !s.receivedAt || !s.channel) return c;
	add(c, s.receivedAt, 'received', s.channel);
	if (s.channel === 'online' && s.onlineLevel === 'full') add(c, s.receivedAt, 'online_full');
	if (s.digitized) add(c, s.receivedAt, 'digitized_intake');
	if (s.status === 'resolved' && s.resolvedAt && s.outcome) {
		add(c, s.resolvedAt, 'resolved', s.outcome);
		if (s.resultDigitized) add(c, s.resolvedAt, 'digitized_result');
		if (s.outcome === 'overdue' && overdueCause(s) === 'sync') add(c, s.resolvedAt, 'overdue_sync');
		if (s.flags.includes('late_sync')) add(c, s.resolvedAt, 'late_sync_resolved');
		if (s.outcome === 'overdue' && s.flags.includes('no_apology'))
			add(c, s.resolvedAt, 'overdue_no_apology');
		if (s.outcome === 'overdue' && hasManySupplements(s)) add(c, s.resolvedAt, 'overdue_many');
	}
	if ((s.status === 'withdrawn' || s.status === 'rejected') && s.finishedAt)
		add(c, s.finishedAt, s.status);
	if (s.returnedAt) add(c, s.returnedAt, 'returned');
	for (const at of s.apologyAts) add(c, at, 'apologies');
	for (const at of s.supplementAts) add(c, at, 'supplements');
	for (const [at, index] of openInstants(openInputsOf(s))) (c[localDay(at)] ??= []).push(index);
	if (
		hasManySupplements(s) &&
		s.status === 'resolved' &&
		s.resolvedAt &&
		(s.outcome === 'early' || s.outcome === 'on_time')
	)
		add(c, s.resolvedAt, 'timely_multi');
	if (s.flags.length > 0)
		add(c, s.receivedAt, 'flagged', ...s.flags.map((f) => `flag_${f}` as Counter));
	if (s.channel === 'online') {
		const where = onlineRatingCounter(s);
		if (where) add(c, s.receivedAt, where);
	}
	return c;
}

/**
 * What the point-in-time counters of a dossier depend on — fields of its state and columns of its stored row
 * alike: whether its receipt is known (with a channel), its three instants, its supplement requests.
 */
export type OpenInputs = OpenTimes & {
	received: boolean;
	channel: string | null;
	supplements: number;
};

export function openInputsOf(s: DossierState): OpenInputs {
	return {
		received: s.received,
		channel: s.channel,
		receivedAt: s.receivedAt,
		finishedAt: s.finishedAt,
		firstDueAt: s.firstDueAt,
		supplements: s.supplementAts.length
	};
}

/**
 * The instants of the point-in-time counters (open-counts.ts), as (instant, counter index) pairs: the four
 * of every counted dossier and, with more than one supplement request, their m… copies (scoreboard.ts).
 * Added to the day rows (below) and to the hour rows (hours.ts) alike.
 */
export function openInstants(s: OpenInputs): [Date, number][] {
	// Counted once its receipt (with a channel) is known, as every period counter.
	if (!s.received || !s.receivedAt || !s.channel) return [];
	const out: [Date, number][] = [];
	const many = s.supplements > 1;
	for (const [counter, at] of Object.entries(openCounterTimes(s)) as [Counter, Date | null][]) {
		if (!at) continue;
		out.push([at, INDEX[counter]]);
		if (many) out.push([at, INDEX[`m${counter}` as Counter]]);
	}
	return out;
}

/** More than one supplement request: the national scoreboard counts the dossier as late (scoreboard.ts). */
export function hasManySupplements(s: Pick<DossierState, 'supplementAts'>): boolean {
	return s.supplementAts.length > 1;
}

/** Where an online dossier was last rated, as a counter; null when rated with no `via` (it counts as rated, nowhere). */
function onlineRatingCounter(s: DossierState): Counter | null {
	if (!s.rating) return 'online_unrated';
	if (s.ratingVia === 'online') return 'online_rated_online';
	if (s.ratingVia === 'kiosk' || s.ratingVia === 'paper') return 'online_rated_counter';
	if (s.ratingVia === 'qr') return 'online_rated_qr';
	return null;
}

export type FeedbackState = {
	code: string;
	unit: string;
	kind: string | null;
	receivedAt: Date | null;
	resolvedAt: Date | null;
};

export function feedbackContribution(f: FeedbackState): Contribution {
	const c: Contribution = {};
	if (f.receivedAt) add(c, f.receivedAt, 'feedback_received');
	if (f.resolvedAt) add(c, f.resolvedAt, 'feedback_resolved');
	return c;
}

export function loneRatingContribution(at: Date, level: RatingLevel): Contribution {
	const c: Contribution = {};
	addRating(c, at, level);
	return c;
}

/**
 * One non-zero row of a DeltaTable: a unit, a bucket (local day, or hour for hours.ts), the deltas of the
 * table's counters (in the order of its `counters`).
 */
export type DeltaEntry = { unit: string; day: string; values: Int32Array };

/**
 * Accumulates signed contributions by (unit, day): `add(unit, contribution, +1)`
 * for a new state, `-1` for the state it replaces. Keeps the given counters
 * only (all by default): a contribution's other indexes are passed over.
 */
export class DeltaTable {
	/** Rows by unit, then by day: a contribution's days are object keys (their hashes kept), the unit hashed once. */
	private readonly byUnit = new Map<string, Map<string, DeltaEntry>>();
	/** Counter index → its place in a row, −1 when not kept. */
	private readonly slots = new Int16Array(COUNTERS.length).fill(-1);
	private readonly width: number;

	constructor(counters: readonly Counter[] = COUNTERS) {
		counters.forEach((c, slot) => (this.slots[INDEX[c]] = slot));
		this.width = counters.length;
	}

	add(unit: string, contribution: Contribution, sign: 1 | -1): void {
		let days = this.byUnit.get(unit);
		if (!days) this.byUnit.set(unit, (days = new Map()));
		for (const day in contribution) {
			let row = days.get(day);
			if (!row) days.set(day, (row = { unit, day, values: new Int32Array(this.width) }));
			const values = row.values;
			for (const i of contribution[day]) {
				const slot = this.slots[i];
				if (slot >= 0) values[slot] += sign;
			}
		}
	}

	/** Non-zero rows. */
	*entries(): Generator<DeltaEntry> {
		for (const days of this.byUnit.values())
			for (const row of days.values()) if (row.values.some((v) => v !== 0)) yield row;
	}
}

/** Sum of counter contributions over local days in [from, to] (inclusive) — a from-scratch reference. */
export function sumContribution(
	into: Counters,
	contribution: Contribution,
	from: string,
	to: string
): void {
	for (const [day, indexes] of Object.entries(contribution)) {
		if (day < from || day > to) continue;
		for (const i of indexes) into[COUNTERS[i]] += 1;
	}
}
