/**
 * The shapes that cross the server/browser line as page data and JSON (beside the live hub's wire types in
 * domain/feed.ts): the server's queries build them, components show them. Types only.
 */
import type { Flag } from '../domain/dossier/flags.ts';
import type { Scoreboard } from '../domain/figures/scoreboard.ts';
import type { DayPoint } from '../domain/figures/series.ts';
import type { Summary } from '../domain/figures/summary.ts';
import type { RankingItem } from '../domain/ranking/rank.ts';
import type { ComparisonRow } from '../domain/report/comparison.ts';
import type { FormFigures } from '../domain/report/columns.ts';
import type { OnlineRatings } from '../domain/report/online-ratings.ts';
import type { Range, ReportKind } from '../domain/report/periods.ts';

/** One dossier as GET /api/v1/dossiers/CODE answers it (docs/api.md#one-dossier). */
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
	/** Seconds between `at` and acceptance (the lag of docs/domain.md#freshness; 0 for overdue announcements). */
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

/** A child on the wall's score panel: its points of the month and how many it loses. */
export type ScoreLoser = { unit: string; name: string; points: number; max: number; lost: number };

/** The wall display's panels (server/queries/display.ts): everything but the map shapes. */
export type DisplayPanels = {
	today: string;
	month: { from: string; to: string };
	week: { from: string; to: string };
	seq: number;
	todaySummary: Summary;
	rankings: RankingItem[];
	series: DayPoint[];
	overdue: { byUnit: OverdueByUnit[]; oldest: OldestOverdue[] };
	feed: FeedEntry[];
	score: { board: Scoreboard; worst: ScoreLoser[] };
	/** Counters of the scope that sent nothing for 8 working hours, of how many, since when. */
	silent: { silent: number; counters: number; since: string };
	generatedAt: string;
};

/** What changes with every event: the newest flow rows and today's counters. */
export type DisplayLive = Pick<
	DisplayPanels,
	'today' | 'seq' | 'todaySummary' | 'feed' | 'generatedAt'
>;

/** A row of form II.06a: a child unit, or the unit's own counter. */
export type FormRow = { unit: string; name: string; own?: true } & FormFigures;
/** A row of the report's breakdown by field or by procedure. */
export type BreakdownRow = { key: string; name: string } & FormFigures;

/** A dossier of the report's late lists. */
export type LateItem = {
	dossier: string;
	unit: string;
	unitName: string;
	procedure: string | null;
	procedureName: string | null;
	field: string | null;
	fieldName: string | null;
	channel: string | null;
	receivedAt: string;
	firstDueAt: string;
	dueAt: string | null;
	resolvedAt: string | null;
	apologies: number;
	flags: string[];
	/** Working days after the first due day up to the day resolved (or the report's last day). */
	workingDaysLate: number;
	calendarDaysLate: number;
};
export type LateList = { total: number; items: LateItem[] };
export type FlagCounts = { phantomOverdue: number; noApology: number; manySupplements: number };
export type LateReport = { resolvedLate: LateList; stillOverdue: LateList; flags: FlagCounts };

/** Of the dossiers judged overdue, those the data caused (sync) and those its processing did (domain/dossier/attribution.ts). */
export type Attribution = {
	judged: number;
	sync: number;
	processing: number;
	resolvedLate: number;
	syncedLate: number;
	openOverdue: number;
};

/** A row of the report's online-and-ratings table. */
export type OnlineRatingsRow = OnlineRatings & { code: string; name: string; own: boolean };

/** A predecessor merged into the unit after the period began. */
export type MergerNoteRow = { oldCode: string; oldName: string; effectiveDate: string };

/** Everything the report page shows for one unit and period (server/queries/report-page.ts), also frozen in a snapshot. */
export type ReportPageData = {
	unit: { code: string; name: string; type: string };
	/** Breadcrumbs from the user's scope down to the unit. */
	path: { code: string; name: string }[];
	kind: ReportKind;
	range: Range;
	label: string;
	labelEn: string;
	prev: Range;
	lastYear: Range;
	today: string;
	generatedAt: string;
	demo: boolean;
	table: { rows: FormRow[]; total: FormFigures };
	summary: Summary;
	comparison: ComparisonRow[];
	byField: { rows: BreakdownRow[]; total: FormFigures };
	procedures: BreakdownRow[];
	late: LateReport;
	onlineRatings: { rows: OnlineRatingsRow[]; total: OnlineRatings };
	/** The unit's split, and each child's that has dossiers judged overdue. */
	attribution: { total: Attribution; children: (Attribution & { unit: string; name: string })[] };
	narrative: string;
	mergers: MergerNoteRow[];
	mergedInto: { code: string; name: string; effectiveDate: string } | null;
};
