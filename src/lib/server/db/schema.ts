/**
 * The database schema (drizzle). Migrations in /drizzle are generated from it
 * with `npm run db:generate`; hand-written parts (the shared feed sequence, dropping
 * the retired GiST index on open intervals) live in custom migrations.
 *
 * The counter tables (rollups by day, month, year and by hour) are in schema-rollups.ts.
 */
import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgSequence,
	pgTable,
	primaryKey,
	real,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

/** One sequence numbers every feed item: accepted events and overdue announcements. */
export const feedSeq = pgSequence('feed_seq', { startWith: 1 });

export const units = pgTable(
	'units',
	{
		code: text('code').primaryKey(),
		name: text('name').notNull(),
		type: text('type').notNull(),
		parentCode: text('parent_code'),
		depth: integer('depth').notNull(),
		/** Codes from the root down to this unit, itself included. */
		ancestors: text('ancestors').array().notNull(),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		geometry: jsonb('geometry'),
		/** The unit's code on the national portal (DVCQG `MaDonVi`), for POST /api/v1/dvcqg (docs/api.md#national-portal-sync). */
		dvcqgCode: text('dvcqg_code'),
		updatedAt: ts('updated_at').notNull().defaultNow()
	},
	(t) => [
		index('units_parent_idx').on(t.parentCode),
		index('units_ancestors_idx').using('gin', t.ancestors),
		uniqueIndex('units_dvcqg_code_idx')
			.on(t.dvcqgCode)
			.where(sql`dvcqg_code is not null`)
	]
);

export const apiKeys = pgTable('api_keys', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	/** Events are idempotent per source: keys with the same name share it. */
	source: text('source').notNull(),
	role: text('role').notNull(),
	scopeCode: text('scope_code').notNull(),
	secretHash: text('secret_hash').notNull(),
	createdAt: ts('created_at').notNull().defaultNow(),
	revokedAt: ts('revoked_at'),
	lastUsedAt: ts('last_used_at')
});

export const users = pgTable('users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	passwordHash: text('password_hash').notNull(),
	role: text('role').notNull(),
	scopeCode: text('scope_code').notNull(),
	disabled: boolean('disabled').notNull().default(false),
	createdAt: ts('created_at').notNull().defaultNow(),
	passwordChangedAt: ts('password_changed_at').notNull().defaultNow()
});

export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		secretHash: text('secret_hash').notNull(),
		createdAt: ts('created_at').notNull().defaultNow(),
		lastActivityAt: ts('last_activity_at').notNull().defaultNow(),
		expiresAt: ts('expires_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** The append-only event log. */
export const events = pgTable(
	'events',
	{
		seq: bigint('seq', { mode: 'number' })
			.primaryKey()
			.default(sql`nextval('feed_seq')`),
		source: text('source').notNull(),
		eventId: text('event_id').notNull(),
		type: text('type').notNull(),
		at: ts('at').notNull(),
		unit: text('unit').notNull(),
		dossier: text('dossier'),
		feedback: text('feedback'),
		/** The validated event's own fields as JSON, beyond the columns (a computed dueAt is stored here, so calendar edits never rewrite history). */
		payload: jsonb('payload').notNull(),
		acceptedAt: ts('accepted_at').notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('events_source_id_idx').on(t.source, t.eventId),
		index('events_dossier_idx')
			.on(t.dossier)
			.where(sql`dossier is not null`),
		// A small subtree's latest feed, unit by unit (queries/feed.ts).
		index('events_unit_seq_idx').on(t.unit, t.seq),
		index('events_feedback_idx')
			.on(t.feedback)
			.where(sql`feedback is not null`)
	]
);

/** Projection: the current state of each dossier. */
export const dossiers = pgTable(
	'dossiers',
	{
		code: text('code').primaryKey(),
		unit: text('unit').notNull(),
		received: boolean('received').notNull(),
		receivedAt: ts('received_at'),
		procedure: text('procedure'),
		procedureName: text('procedure_name'),
		field: text('field'),
		fieldName: text('field_name'),
		channel: text('channel'),
		onlineLevel: text('online_level'),
		processingDays: real('processing_days'),
		digitized: boolean('digitized').notNull(),
		firstDueAt: ts('first_due_at'),
		dueAt: ts('due_at'),
		status: text('status').notNull(),
		finishedAt: ts('finished_at'),
		resolvedAt: ts('resolved_at'),
		outcome: text('outcome'),
		resultDigitized: boolean('result_digitized').notNull(),
		returnedAt: ts('returned_at'),
		supplements: integer('supplements').notNull(),
		apologies: integer('apologies').notNull(),
		rating: text('rating'),
		ratedAt: ts('rated_at'),
		ratingVia: text('rating_via'),
		flags: jsonb('flags').notNull(),
		eventCount: integer('event_count').notNull(),
		lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
		/** What this dossier added to the rollups (day → counter indexes): subtracted when it changes. */
		contrib: jsonb('contrib').notNull()
	},
	(t) => [
		index('dossiers_unit_idx').on(t.unit),
		// Pending dossiers by first appointment: the ticker, the watch list of a big subtree in one ordered scan…
		index('dossiers_pending_due_idx')
			.on(t.firstDueAt, t.code)
			.where(sql`status = 'pending' and received`),
		// … and of a small subtree unit by unit (queries/overdue.ts).
		index('dossiers_pending_unit_due_idx')
			.on(t.unit, t.firstDueAt, t.code)
			.where(sql`status = 'pending' and received`),
		// "now" inside today (open-counts.ts) reads only the dossiers received or finished after the instant.
		index('dossiers_received_at_idx').on(t.receivedAt),
		// The report's list of dossiers resolved late in a period (a few per cent of all).
		index('dossiers_late_resolved_idx')
			.on(t.resolvedAt)
			.where(sql`outcome = 'overdue'`),
		// … in the list's order (the most late first) for a big subtree, by unit and day for a small one.
		index('dossiers_lateness_idx')
			.on(sql`(${t.resolvedAt} - ${t.firstDueAt}) desc`, t.code)
			.where(sql`outcome = 'overdue'`),
		index('dossiers_late_unit_idx')
			.on(t.unit, t.resolvedAt)
			.where(sql`outcome = 'overdue'`),
		// Dossiers returned in time but not (or late) resolved: the synchronisation part of the open overdue ones.
		index('dossiers_phantom_idx')
			.on(t.firstDueAt)
			.where(sql`flags @> '["phantom_overdue"]'::jsonb`),
		index('dossiers_finished_at_idx').on(t.finishedAt)
	]
);

/** Projection: feedback (PAKN) items. */
export const feedbacks = pgTable('feedbacks', {
	code: text('code').primaryKey(),
	unit: text('unit').notNull(),
	kind: text('kind'),
	receivedAt: ts('received_at'),
	resolvedAt: ts('resolved_at'),
	contrib: jsonb('contrib').notNull()
});

/** Admin-edited calendar overrides: extra days off and make-up working days. */
export const calendarOverrides = pgTable('calendar_overrides', {
	day: date('day', { mode: 'string' }).primaryKey(),
	kind: text('kind').notNull(),
	note: text('note'),
	updatedAt: ts('updated_at').notNull().defaultNow()
});

/** Small facts about this deployment, e.g. `demo` when the data was generated by the simulator. */
export const appMeta = pgTable('app_meta', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: ts('updated_at').notNull().defaultNow()
});

/**
 * Frozen, citable figures (docs/domain.md#snapshots): the answer of GET /api/v1/snapshots/ID kept as the exact text
 * it was built as (never re-serialised, so no migration of live tables or JSON normalisation alters it),
 * with the hex SHA-256 of its canonical content. Never updated; deleted only by an admin (audited).
 */
export const snapshots = pgTable(
	'snapshots',
	{
		id: text('id').primaryKey(),
		unit: text('unit').notNull(),
		fromDay: text('from_day').notNull(),
		toDay: text('to_day').notNull(),
		title: text('title').notNull(),
		createdAt: ts('created_at').notNull(),
		createdBy: text('created_by').notNull(),
		sha256: text('sha256').notNull(),
		body: text('body').notNull()
	},
	(t) => [index('snapshots_unit_idx').on(t.unit, t.createdAt)]
);

/**
 * Notes on a unit, a dossier or a snapshot (supervision): plain text, by whom and when; an edit keeps the
 * earlier text in `history` ([{text, by, at}], oldest first). `unit` is the unit the note is scoped by (the
 * dossier's or the snapshot's unit when it was written).
 */
export const notes = pgTable(
	'notes',
	{
		id: text('id').primaryKey(),
		kind: text('kind').notNull(),
		target: text('target').notNull(),
		unit: text('unit').notNull(),
		text: text('text').notNull(),
		author: text('author').notNull(),
		createdAt: ts('created_at').notNull().defaultNow(),
		editedBy: text('edited_by'),
		editedAt: ts('edited_at'),
		history: jsonb('history')
			.notNull()
			.default(sql`'[]'::jsonb`)
	},
	(t) => [
		index('notes_target_idx').on(t.kind, t.target),
		index('notes_unit_idx').on(t.unit, t.createdAt)
	]
);

/** A reminder (đôn đốc) to a unit about some of its dossiers: how it was sent, the text, by whom. */
export const reminders = pgTable('reminders', {
	id: text('id').primaryKey(),
	unit: text('unit').notNull(),
	channel: text('channel').notNull(),
	reference: text('reference'),
	text: text('text').notNull(),
	author: text('author').notNull(),
	createdAt: ts('created_at').notNull().defaultNow()
});

/** The dossiers a reminder named, with how late each was then (working days), for the watch and the unit page. */
export const reminderDossiers = pgTable(
	'reminder_dossiers',
	{
		reminder: text('reminder').notNull(),
		dossier: text('dossier').notNull(),
		unit: text('unit').notNull(),
		remindedAt: ts('reminded_at').notNull(),
		daysLate: real('days_late')
	},
	(t) => [
		primaryKey({ columns: [t.reminder, t.dossier] }),
		index('reminder_dossiers_dossier_idx').on(t.dossier, t.remindedAt),
		index('reminder_dossiers_unit_idx').on(t.unit, t.remindedAt)
	]
);

/**
 * How fresh each unit's data is (docs/domain.md#freshness), kept by the ingest transaction: per unit that events name,
 * the latest `at` and the latest acceptance (a subtree's is the max over its units)…
 */
export const unitActivity = pgTable('unit_activity', {
	unit: text('unit').primaryKey(),
	lastAt: ts('last_at').notNull(),
	lastAcceptedAt: ts('last_accepted_at').notNull()
});

/** … and the first seq accepted in each hour, so "accepted since T" is a seq range of the log, whatever its size. */
export const acceptHours = pgTable('accept_hours', {
	hour: ts('hour').primaryKey(),
	firstSeq: bigint('first_seq', { mode: 'number' }).notNull()
});

/**
 * The national portal's status last synced for a dossier (POST /api/v1/dvcqg, docs/dvcqg.md): a status
 * is a state the portal is told on every sync, so a supplement request is counted on the step into it.
 * Written in the ingest transaction of the call that set it.
 */
export const portalStatuses = pgTable('portal_statuses', {
	dossier: text('dossier').primaryKey(),
	status: text('status').notNull(),
	updatedAt: ts('updated_at').notNull().defaultNow()
});

/** Feed items `dossier.overdue`: one per dossier, the moment its first dueAt passed while pending (seq from feed_seq). */
export const overdueAnnouncements = pgTable(
	'overdue_announcements',
	{
		dossier: text('dossier').primaryKey(),
		seq: bigint('seq', { mode: 'number' })
			.notNull()
			.default(sql`nextval('feed_seq')`),
		unit: text('unit').notNull(),
		at: ts('at').notNull(),
		announcedAt: ts('announced_at').notNull().defaultNow()
	},
	(t) => [uniqueIndex('overdue_announcements_seq_idx').on(t.seq)]
);

/** Who did what, when, from where: logins, failed logins, key/user changes, exports, imports. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		at: ts('at').notNull().defaultNow(),
		/** `user:<username>`, `key:<name>`, `cli` or `anonymous`. */
		actor: text('actor').notNull(),
		/** e.g. `login`, `login.failed`, `user.create`, `key.revoke`, `export`, `units.import`. */
		action: text('action').notNull(),
		/** What was acted on (a username, key id, unit code, report URL…). */
		target: text('target'),
		ip: text('ip'),
		detail: jsonb('detail')
	},
	(t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)]
);

/** Failed logins, kept for throttling per username and per IP (old rows are pruned). */
export const loginFailures = pgTable(
	'login_failures',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		at: ts('at').notNull().defaultNow(),
		username: text('username').notNull(),
		ip: text('ip').notNull()
	},
	(t) => [
		index('login_failures_username_idx').on(t.username, t.at),
		index('login_failures_ip_idx').on(t.ip, t.at)
	]
);

/** Unit mergers (since July 2025): `old_code` was merged into `new_code` on `effective_date`. */
export const unitMergers = pgTable(
	'unit_mergers',
	{
		oldCode: text('old_code').primaryKey(),
		newCode: text('new_code').notNull(),
		effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
		importedAt: ts('imported_at').notNull().defaultNow()
	},
	(t) => [index('unit_mergers_new_idx').on(t.newCode)]
);

export * from './schema-rollups.ts';
