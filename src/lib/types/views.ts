/**
 * The shapes that cross the server/browser line as page data and JSON (beside the live hub's wire types in
 * domain/feed.ts): the server's queries build them, components show them. Types only.
 */
import type { Flag } from '../domain/dossier/flags.ts';

/** One dossier as CONTRACT §7 answers it. */
export type DossierView = {
	dossier: string;
	unit: string;
	procedure: string | null;
	procedureName: string | null;
	field: string | null;
	fieldName: string | null;
	channel: string | null;
	onlineLevel: string | null;
	receivedAt: string | null;
	dueAt: string | null;
	firstDueAt: string | null;
	status: string;
	outcome: string | null;
	resolvedAt: string | null;
	returnedAt: string | null;
	finishedAt: string | null;
	supplements: number;
	apology: boolean;
	apologies: number;
	rating: string | null;
	flags: string[];
	events: { seq: number; id: string; type: string; at: string }[];
};

/** One line of a dossier's timeline: a stored event with the details worth reading, or the overdue announcement. */
export type TimelineEntry = {
	seq: number;
	id: string | null;
	type: string;
	at: string;
	unit: string;
	details: {
		dueAt?: string;
		processingDays?: number;
		apology?: boolean;
		reason?: string;
		level?: string;
		via?: string;
		resultDigitized?: boolean;
		digitized?: boolean;
		channel?: string;
		onlineLevel?: string;
		dueAtComputed?: boolean;
	};
};

/** A row of the overdue watch. */
export type WatchItem = Omit<DossierView, 'events'> & {
	unitName: string;
	overdueHours: number;
	/** When the dossier was last reminded about (queries/reminders.ts), and its notes: filled by the watch. */
	remindedAt?: string | null;
	notes?: number;
};

/** The overdue watch's tabs and sort keys (routes/(app)/overdue/view.ts holds their parsing). */
export type WatchTab = 'overdue' | 'atRisk' | 'anomalies';
export type WatchSort = 'overdueHours' | 'dueAt' | 'receivedAt' | 'unit' | 'procedure';

/** The dossiers received in a period and, of them, those with each anomaly flag. */
export type AnomalyCounts = { received: number; flagged: number } & Record<Flag, number>;

/** A feed entry in readable form (the live feed's first paint, the wall's flow). */
export type FeedEntry = {
	seq: number;
	id: string | null;
	type: string;
	unit: string;
	unitName: string;
	dossier: string | null;
	at: string;
	procedureName: string | null;
	channel: string | null;
	outcome: string | null;
	level: string | null;
	/** Seconds between `at` and acceptance (CONTRACT §10's lag; 0 for overdue announcements). */
	lagSeconds: number;
};

/** The wall's overdue panel: per child, and the oldest overdue dossiers. */
export type OverdueByUnit = { unit: string; name: string; overdue: number; pending: number };
export type OldestOverdue = {
	dossier: string;
	unitName: string;
	procedureName: string | null;
	overdueHours: number;
};

/** A dossier whose events reached us after a snapshot and fall inside its period. */
export type DriftDossier = {
	dossier: string;
	unit: string;
	unitName: string;
	events: { type: string; at: string; acceptedAt: string }[];
};
