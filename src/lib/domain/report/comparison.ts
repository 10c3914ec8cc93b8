/**
 * Comparison of a period's figures with an earlier period (pure): the value
 * now and then, the difference (counts, or percentage points for rates), the
 * direction of the change (▲/▼/■) and whether that is better or worse.
 * Colour on screen follows `verdict`; the arrow follows `sign`.
 */
import type { Summary } from '../figures/summary.ts';

export type ComparisonKey =
	| 'receivedNew'
	| 'online'
	| 'onlineRate'
	| 'resolved'
	| 'onTimeRate'
	| 'resolvedOverdue'
	| 'pendingOverdue'
	| 'digitizedIntakeRate'
	| 'digitizedResultRate'
	| 'satisfactionRate'
	| 'feedbackReceived'
	| 'apologies';

type Def = {
	key: ComparisonKey;
	kind: 'count' | 'rate';
	better: 'up' | 'down' | null;
	value: (s: Summary) => number | null;
	n?: (s: Summary) => number;
};

export const COMPARISON_DEFS: readonly Def[] = [
	{ key: 'receivedNew', kind: 'count', better: null, value: (s) => s.received.new },
	{ key: 'online', kind: 'count', better: 'up', value: (s) => s.received.online },
	{
		key: 'onlineRate',
		kind: 'rate',
		better: 'up',
		value: (s) => s.rates.online,
		n: (s) => s.received.new
	},
	{ key: 'resolved', kind: 'count', better: null, value: (s) => s.resolved.total },
	{
		key: 'onTimeRate',
		kind: 'rate',
		better: 'up',
		value: (s) => s.rates.onTime,
		n: (s) => s.resolved.total
	},
	{ key: 'resolvedOverdue', kind: 'count', better: 'down', value: (s) => s.resolved.overdue },
	{ key: 'pendingOverdue', kind: 'count', better: 'down', value: (s) => s.pending.overdue },
	{
		key: 'digitizedIntakeRate',
		kind: 'rate',
		better: 'up',
		value: (s) => s.rates.digitizedIntake,
		n: (s) => s.received.new
	},
	{
		key: 'digitizedResultRate',
		kind: 'rate',
		better: 'up',
		value: (s) => s.rates.digitizedResult,
		n: (s) => s.resolved.total
	},
	{
		key: 'satisfactionRate',
		kind: 'rate',
		better: 'up',
		value: (s) => s.rates.satisfaction,
		n: (s) => s.ratings.total
	},
	{ key: 'feedbackReceived', kind: 'count', better: null, value: (s) => s.feedback.received },
	{ key: 'apologies', kind: 'count', better: null, value: (s) => s.apologies }
];

export type Verdict = 'better' | 'worse' | 'neutral';

export type Change = {
	/** now − before: a count, or percentage points for a rate; null when either side has no value. */
	diff: number | null;
	sign: -1 | 0 | 1;
	verdict: Verdict;
};

export type ComparisonRow = {
	key: ComparisonKey;
	kind: 'count' | 'rate';
	now: number | null;
	nNow: number | null;
	previous: number | null;
	nPrevious: number | null;
	lastYear: number | null;
	nLastYear: number | null;
	vsPrevious: Change;
	vsLastYear: Change;
};

/** Rates closer than this many percentage points count as unchanged (they print the same with one decimal). */
const RATE_EPSILON_POINTS = 0.05;

export function changeOf(
	kind: 'count' | 'rate',
	better: 'up' | 'down' | null,
	now: number | null,
	before: number | null
): Change {
	if (now === null || before === null) return { diff: null, sign: 0, verdict: 'neutral' };
	const diff = kind === 'rate' ? (now - before) * 100 : now - before;
	const sign: -1 | 0 | 1 =
		Math.abs(diff) < (kind === 'rate' ? RATE_EPSILON_POINTS : 0.5) ? 0 : diff > 0 ? 1 : -1;
	const verdict: Verdict =
		sign === 0 || better === null ? 'neutral' : sign > 0 === (better === 'up') ? 'better' : 'worse';
	return { diff, sign, verdict };
}

export function compare(now: Summary, previous: Summary, lastYear: Summary): ComparisonRow[] {
	return COMPARISON_DEFS.map((d) => {
		const [a, b, c] = [d.value(now), d.value(previous), d.value(lastYear)];
		return {
			key: d.key,
			kind: d.kind,
			now: a,
			nNow: d.n ? d.n(now) : null,
			previous: b,
			nPrevious: d.n ? d.n(previous) : null,
			lastYear: c,
			nLastYear: d.n ? d.n(lastYear) : null,
			vsPrevious: changeOf(d.kind, d.better, a, b),
			vsLastYear: changeOf(d.kind, d.better, a, c)
		};
	});
}

export const arrowOf = (sign: -1 | 0 | 1) => (sign > 0 ? '▲' : sign < 0 ? '▼' : '■');
