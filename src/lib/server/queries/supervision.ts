/**
 * What the unit page shows beside the figures for supervision: the §9
 * scoreboard now and in the comparison period, the children by points lost
 * (the units that pull the score down), today's what-if, and the §10
 * freshness of every child — from the same functions as the API, so each
 * number equals GET /api/v1/scoreboard and /api/v1/freshness.
 */
import {
	totalPointsLost,
	type Scoreboard,
	type ScoreGroup
} from '../../domain/figures/scoreboard.ts';
import type { Database } from '../db/index.ts';
import { loadCalendar } from './calendar.ts';
import { freshness, type Freshness } from './freshness.ts';
import { scoreboard, scoreboards } from './scoreboard.ts';
import { listUnits, type UnitInfo } from './units.ts';
import { listReminders, reminderEffectOf } from './reminders.ts';
import type { ReminderEffect } from '../../domain/supervision/reminders.ts';

export type ChildScore = { unit: string; name: string; board: Scoreboard; lost: number };

export type Supervision = {
	board: Scoreboard;
	previous: Scoreboard;
	dueToday: number | null;
	ifLate: ScoreGroup | null;
	/** The shares behind the (not estimated) digitisation group, shown as what they are. */
	digitized: { intake: number | null; result: number | null };
	children: ChildScore[];
	freshness: Freshness;
	/** Reminders about the subtree's dossiers: how many were reminded, resolved since, and how fast. */
	reminders: { effect: ReminderEffect; recent: Awaited<ReturnType<typeof listReminders>> };
};

export async function supervision(
	database: Database,
	unit: UnitInfo,
	range: { from: string; to: string },
	prev: { from: string; to: string },
	now: Date
): Promise<Supervision> {
	const kids = await listUnits(database, { parent: unit.code });
	const calendar = await loadCalendar(database);
	const [current, previous, byChild, fresh, effect, recent] = await Promise.all([
		scoreboard(database, unit, range.from, range.to, now),
		scoreboard(database, unit, prev.from, prev.to, now),
		scoreboards(
			database,
			kids.map((k) => ({ code: k.code, depth: unit.depth + 1 })),
			range.from,
			range.to,
			now
		),
		freshness(database, unit, calendar, now),
		reminderEffectOf(database, unit.code, calendar),
		listReminders(database, unit.code, 5)
	]);
	const children = kids
		.map((k) => {
			const board = byChild.get(k.code)!.board;
			return { unit: k.code, name: k.name, board, lost: totalPointsLost(board) };
		})
		.sort((a, b) => b.board.total.points - a.board.total.points || a.unit.localeCompare(b.unit));
	return {
		board: current.board,
		previous: previous.board,
		dueToday: current.dueToday,
		ifLate: current.ifLate,
		digitized: {
			intake: current.summary.rates.digitizedIntake,
			result: current.summary.rates.digitizedResult
		},
		children,
		freshness: fresh,
		reminders: { effect, recent }
	};
}
