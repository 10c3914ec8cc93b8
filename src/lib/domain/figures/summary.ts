/** The summary object of docs/api.md#summary (each figure: docs/domain.md#figures), built from period counters and point-in-time counts. */
import type { Counters } from './counters.ts';
import { metricValue } from './metrics.ts';

export type PointCounts = { total: number; overdue: number };

export type Summary = {
	unit: string;
	from: string;
	to: string;
	received: {
		total: number;
		new: number;
		carriedOver: number;
		direct: number;
		online: number;
		postal: number;
		onlineFull: number;
	};
	resolved: { total: number; early: number; onTime: number; overdue: number };
	pending: { total: number; withinDeadline: number; overdue: number };
	withdrawn: number;
	rejected: number;
	apologies: number;
	digitized: { intake: number; result: number };
	ratings: { total: number; verySatisfied: number; satisfied: number; unsatisfied: number };
	feedback: { received: number; resolved: number };
	rates: {
		onTime: number | null;
		online: number | null;
		digitizedIntake: number | null;
		digitizedResult: number | null;
		satisfaction: number | null;
	};
};

export function buildSummary(
	scope: { unit: string; from: string; to: string },
	c: Counters,
	carriedOver: number,
	pending: PointCounts
): Summary {
	return {
		unit: scope.unit,
		from: scope.from,
		to: scope.to,
		received: {
			total: c.received + carriedOver,
			new: c.received,
			carriedOver,
			direct: c.direct,
			online: c.online,
			postal: c.postal,
			onlineFull: c.online_full
		},
		resolved: { total: c.resolved, early: c.early, onTime: c.on_time, overdue: c.overdue },
		pending: {
			total: pending.total,
			withinDeadline: pending.total - pending.overdue,
			overdue: pending.overdue
		},
		withdrawn: c.withdrawn,
		rejected: c.rejected,
		apologies: c.apologies,
		digitized: { intake: c.digitized_intake, result: c.digitized_result },
		ratings: {
			total: c.rated,
			verySatisfied: c.very_satisfied,
			satisfied: c.satisfied,
			unsatisfied: c.unsatisfied
		},
		feedback: { received: c.feedback_received, resolved: c.feedback_resolved },
		rates: {
			onTime: metricValue('onTime', c),
			online: metricValue('online', c),
			digitizedIntake: metricValue('digitizedIntake', c),
			digitizedResult: metricValue('digitizedResult', c),
			satisfaction: metricValue('satisfaction', c)
		}
	};
}
