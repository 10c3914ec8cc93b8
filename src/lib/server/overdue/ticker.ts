/**
 * The overdue ticker (docs/domain.md#overdue, docs/api.md#live): every second, pending dossiers whose FIRST
 * dueAt has just passed are announced as feed items `dossier.overdue` — exactly
 * once per dossier, across restarts and several app processes, because the
 * announcement is a row keyed by the dossier (ON CONFLICT DO NOTHING: only the
 * process whose insert wins emits it). After a restart it catches up on the
 * dossiers that became overdue while it was down (within CATCH_UP_MS); older
 * ones were overdue before we knew them and are not "newly" overdue.
 */
import { notifyAccepted, type App } from '../app.ts';
import { lockedTransaction } from '../ingest/lock.ts';
import { errorFields, logger } from '../log.ts';
import { countDbError, metrics } from '../metrics.ts';
import { insertOverdueAnnouncements } from '../queries/overdue.ts';

export const CATCH_UP_MS = 24 * 3600_000;

export type OverdueItem = {
	seq: number;
	id: null;
	type: 'dossier.overdue';
	unit: string;
	dossier: string;
	at: string;
};

/** One pass: announce what became overdue up to app.now(). Returns the new feed items (already published). */
export async function announceOverdue(app: App): Promise<OverdueItem[]> {
	const now = app.now();
	const since = new Date(now.getTime() - CATCH_UP_MS).toISOString();
	// Same lock as ingest: feed seqs commit in order.
	const items = await lockedTransaction(app.database, (tx) =>
		insertOverdueAnnouncements(app.database, tx, since, now.toISOString())
	);
	const feed = items.map((i) => ({
		...i,
		seq: Number(i.seq),
		id: null,
		type: 'dossier.overdue' as const
	}));
	if (feed.length > 0) {
		notifyAccepted(app, { items: feed, dossiers: [] });
		metrics.overdueAnnounced.inc(feed.length);
	}
	return feed;
}

/** Runs a pass every `everyMs`; a failing database is logged once, and again when the passes work again. */
export function startOverdueTicker(app: App, everyMs = 1000): { stop(): void } {
	let running = false;
	let failing = false;
	const timer = setInterval(async () => {
		if (running) return;
		running = true;
		try {
			await announceOverdue(app);
			if (failing) logger.info('overdue ticker: running again');
			failing = false;
		} catch (err) {
			if (!failing)
				logger.warn({ err: errorFields(err) }, 'overdue ticker failed; retrying every tick');
			countDbError(err);
			failing = true;
		} finally {
			running = false;
		}
	}, everyMs);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
