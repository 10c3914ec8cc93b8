/**
 * Outcome of a resolved dossier against its FIRST appointment (docs/domain.md#outcome):
 * - early   (trước hạn): resolved on an earlier local (UTC+7) day than the due day;
 * - on_time (đúng hạn):  resolved on the due day and not after dueAt;
 * - overdue (quá hạn):   resolved after dueAt.
 */
import { localDay } from '../calendar/days.ts';

export const OUTCOMES = ['early', 'on_time', 'overdue'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function outcomeOf(resolvedAt: Date, firstDueAt: Date): Outcome {
	if (resolvedAt.getTime() > firstDueAt.getTime()) return 'overdue';
	return localDay(resolvedAt) < localDay(firstDueAt) ? 'early' : 'on_time';
}
