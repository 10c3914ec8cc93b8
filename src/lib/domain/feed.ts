/** The live feed's wire shapes (CONTRACT §6), shared by the hub and the browser. */

/** One feed item; `id` is the source event's id, null for `dossier.overdue` announcements. */
export type FeedItem = {
	seq: number;
	id: string | null;
	type: string;
	unit: string;
	dossier: string | null;
	at: string;
};

/** `figures`: a unit's summary (CONTRACT §4) and its children's ranking (§5) for one period and metric. */
export type FiguresMessage = {
	unit: string;
	from: string;
	to: string;
	metric: string;
	/** The feed seq these figures include (everything up to it that reached this process). */
	seq: number;
	summary: unknown;
	rankings: unknown[];
	/** The §9 estimate for the same unit and period (figures/scoreboard.ts). */
	scoreboard?: unknown;
};
