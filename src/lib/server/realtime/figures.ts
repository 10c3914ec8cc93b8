/** One `figures` message: the summary of a unit (docs/api.md#summary), its scoreboard (#scoreboard) and the ranking of its children (#rankings), for one period and metric. */
import { localDay } from '../../domain/calendar/days.ts';
import type { App } from '../app.ts';
import { rankings } from '../queries/rankings.ts';
import { scoreboard } from '../queries/scoreboard.ts';
import type { FiguresMessage, Subscription } from './types.ts';

/** The period a subscription means now: its own, or today in Asia/Ho_Chi_Minh. */
export function periodNow(s: Subscription, now: Date): { from: string; to: string } {
	if (s.period) return s.period;
	const today = localDay(now);
	return { from: today, to: today };
}

export async function computeFigures(
	app: App,
	s: Subscription,
	seq: number
): Promise<FiguresMessage> {
	const now = app.now();
	const { from, to } = periodNow(s, now);
	const [score, ranked] = await Promise.all([
		scoreboard(app.database, s.unit, from, to, now),
		rankings(app.database, s.unit, s.metric, from, to)
	]);
	return {
		unit: s.unit.code,
		from,
		to,
		metric: s.metric,
		seq,
		summary: score.summary,
		rankings: ranked.items,
		scoreboard: score.board
	};
}
