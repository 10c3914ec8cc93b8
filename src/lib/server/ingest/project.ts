/**
 * Projections: re-fold every dossier and feedback item touched by new events
 * from ALL of their stored events, then apply (new contribution − stored
 * contribution) to the rollups of the unit and each ancestor. Because states
 * are always re-derived from the stored log, any arrival order converges to the
 * same projections, and `rebuild` (old contributions = none) gives the same figures.
 * Every step is a set-based statement over the whole batch.
 */
import { sql } from 'drizzle-orm';
import { foldDossier, type DossierState } from '../../domain/dossier/state.ts';
import {
	DeltaTable,
	dossierContribution,
	feedbackContribution,
	loneRatingContribution,
	openInputsOf,
	openInstants,
	type Contribution,
	type FeedbackState
} from '../../domain/figures/counters.ts';
import { BREAKDOWN_COUNTERS, breakdownKey } from '../../domain/figures/breakdown-counters.ts';
import { HOUR_COUNTERS, hourContribution } from '../../domain/figures/hours.ts';
import type { RatingLevel } from '../../domain/events/schema.ts';
import type { Database, Db } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';
import { applyDeltas } from './rollups.ts';
import { groupBy, toFoldEvent, type StoredEventRow } from './stored-event.ts';

type Old = { code: string; unit: string; contrib: Contribution };
/** A stored dossier: its contribution, and the columns its hour rows follow from (hours.ts). */
type OldDossier = Old & {
	received: boolean;
	received_at: string | null;
	channel: string | null;
	finished_at: string | null;
	first_due_at: string | null;
	supplements: number;
	field: string | null;
	procedure: string | null;
};

const dateOf = (t: string | null) => (t === null ? null : new Date(t));

/** The hour rows a stored dossier added, from its columns (the same instants as its day rows). */
function storedHours(o: OldDossier): Contribution {
	return hourContribution(
		openInstants({
			received: o.received,
			channel: o.channel,
			receivedAt: dateOf(o.received_at),
			finishedAt: dateOf(o.finished_at),
			firstDueAt: dateOf(o.first_due_at),
			supplements: o.supplements
		})
	);
}

/** All stored events of the given entities: those of earlier batches from the table, this batch's from memory. */
async function loadEvents(
	database: Database,
	tx: Db,
	column: 'dossier' | 'feedback',
	codes: string[],
	fresh?: Fresh
) {
	const col = sql.raw(column);
	// `seq + 0`: never an index condition (a bitmap of every older seq ANDed with each entity's rows).
	const before = fresh ? sql` and e.seq + 0 < ${fresh.fromSeq}` : sql``;
	// One index lookup per entity, whatever the statistics say (OFFSET 0 keeps the LATERAL a loop): with
	// `col = any(…)`, and no statistics on a table that had grown to 11 M events during a bulk import,
	// the planner chose a parallel scan of the whole log — 32 s a batch.
	const stored = await jsonRows<StoredEventRow>(
		database,
		sql`select jsonb_build_object('seq', e.seq, 'event_id', e.event_id, 'type', e.type, 'at', e.at, 'unit', e.unit,
			'dossier', e.dossier, 'feedback', e.feedback, 'payload', e.payload, 'accepted_at', e.accepted_at) as j
			from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) as x(code)
			cross join lateral (select * from events where ${col} = x.code offset 0) e
			where true${before}`,
		tx
	);
	if (!fresh) return stored;
	const wanted = new Set(codes);
	return stored.concat(fresh.rows.filter((r) => wanted.has(r[column] ?? '')));
}

async function loadOldFeedbacks(database: Database, tx: Db, codes: string[]) {
	return jsonRows<Old>(
		database,
		sql`select jsonb_build_object('code', code, 'unit', unit, 'contrib', contrib) as j from feedbacks where code = ${anyOf(codes)}`,
		tx
	);
}

async function loadOldDossiers(database: Database, tx: Db, codes: string[]) {
	return jsonRows<OldDossier>(
		database,
		sql`select jsonb_build_object('code', code, 'unit', unit, 'contrib', contrib, 'received', received,
				'received_at', received_at, 'channel', channel, 'finished_at', finished_at,
				'first_due_at', first_due_at, 'supplements', supplements, 'field', field, 'procedure', procedure) as j
			from dossiers where code = ${anyOf(codes)}`,
		tx
	);
}

function foldFeedback(code: string, rows: StoredEventRow[]): FeedbackState {
	const sorted = rows
		.map(toFoldEvent)
		.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
	const received = sorted.find((e) => e.type === 'feedback.received');
	const resolved = sorted.find((e) => e.type === 'feedback.resolved');
	const kindOf = (e: typeof received) => (e as { kind?: string } | undefined)?.kind ?? null;
	// Owned like a dossier (docs/domain.md#ownership): the unit of its latest receipt, else of its first event.
	const owner = sorted.findLast((e) => e.type === 'feedback.received') ?? sorted[0];
	return {
		code,
		unit: owner.unit,
		kind: kindOf(received) ?? kindOf(resolved),
		receivedAt: received?.at ?? null,
		resolvedAt: resolved?.at ?? null
	};
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function dossierRecord(s: DossierState, contrib: Contribution) {
	return {
		code: s.code,
		unit: s.unit,
		received: s.received,
		received_at: iso(s.receivedAt),
		procedure: s.procedure,
		procedure_name: s.procedureName,
		field: s.field,
		field_name: s.fieldName,
		channel: s.channel,
		online_level: s.onlineLevel,
		processing_days: s.processingDays,
		digitized: s.digitized,
		first_due_at: iso(s.firstDueAt),
		due_at: iso(s.dueAt),
		status: s.status,
		finished_at: iso(s.finishedAt),
		resolved_at: iso(s.resolvedAt),
		outcome: s.outcome,
		result_digitized: s.resultDigitized,
		returned_at: iso(s.returnedAt),
		supplements: s.supplementAts.length,
		apologies: s.apologyAts.length,
		rating: s.rating,
		rated_at: iso(s.ratedAt),
		rating_via: s.ratingVia,
		flags: s.flags,
		event_count: s.eventCount,
		last_seq: s.lastSeq,
		contrib
	};
}

const DOSSIER_COLUMNS = `code text, unit text, received boolean, received_at timestamptz, procedure text,
	procedure_name text, field text, field_name text, channel text, online_level text, processing_days real,
	digitized boolean, first_due_at timestamptz, due_at timestamptz, status text, finished_at timestamptz,
	resolved_at timestamptz, outcome text, result_digitized boolean, returned_at timestamptz, supplements int,
	apologies int, rating text, rated_at timestamptz, rating_via text, flags jsonb, event_count int, last_seq bigint, contrib jsonb`;
const DOSSIER_NAMES = DOSSIER_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]);

async function upsertDossiers(
	database: Database,
	tx: Db,
	records: ReturnType<typeof dossierRecord>[]
) {
	if (records.length === 0) return;
	const names = DOSSIER_NAMES.join(', ');
	const updates = DOSSIER_NAMES.filter((n) => n !== 'code')
		.map((n) => `${n} = excluded.${n}`)
		.join(', ');
	await database.rows(
		sql`insert into dossiers (${sql.raw(names)})
			select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(${sql.raw(DOSSIER_COLUMNS)})
			on conflict (code) do update set ${sql.raw(updates)}`,
		tx
	);
}

async function upsertFeedbacks(
	database: Database,
	tx: Db,
	states: { s: FeedbackState; contrib: Contribution }[]
) {
	if (states.length === 0) return;
	const records = states.map(({ s, contrib }) => ({
		code: s.code,
		unit: s.unit,
		kind: s.kind,
		received_at: iso(s.receivedAt),
		resolved_at: iso(s.resolvedAt),
		contrib
	}));
	await database.rows(
		sql`insert into feedbacks (code, unit, kind, received_at, resolved_at, contrib)
			select code, unit, kind, received_at, resolved_at, contrib
			from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
				as x(code text, unit text, kind text, received_at timestamptz, resolved_at timestamptz, contrib jsonb)
			on conflict (code) do update set unit = excluded.unit, kind = excluded.kind,
				received_at = excluded.received_at, resolved_at = excluded.resolved_at, contrib = excluded.contrib`,
		tx
	);
}

/**
 * The breakdown's names of the batch's field and procedure codes: each code keeps the greatest name any
 * dossier gave it (breakdown-counters.ts), so a batch only ever raises one.
 */
async function upsertNames(database: Database, tx: Db, states: readonly DossierState[]) {
	const seen = new Set<string>();
	const names: { kind: string; code: string; name: string }[] = [];
	const add = (kind: string, code: string | null, name: string | null) => {
		const key = JSON.stringify([kind, code ?? '', name]);
		if (name === null || seen.has(key)) return;
		seen.add(key);
		names.push({ kind, code: code ?? '', name });
	};
	for (const s of states) {
		add('f', s.field, s.fieldName);
		add('p', s.procedure, s.procedureName);
	}
	if (names.length === 0) return;
	await database.rows(
		sql`insert into breakdown_names (kind, code, name)
			select kind, code, max(name) from jsonb_to_recordset(${JSON.stringify(names)}::jsonb)
				as x(kind text, code text, name text)
			group by kind, code
			on conflict (kind, code) do update set name = excluded.name where breakdown_names.name < excluded.name`,
		tx
	);
}

/** The events this batch just inserted (seq ≥ fromSeq); ingest is serialised, so every older event has a smaller seq. */
export type Fresh = { fromSeq: number; rows: StoredEventRow[] };

export type ProjectInput = {
	dossiers: string[];
	feedbacks: string[];
	loneRatings: { unit: string; at: Date; level: RatingLevel }[];
	/** false during a rebuild: projections were emptied, nothing to subtract. */
	hasOld: boolean;
	fresh?: Fresh;
	/** Ancestors already known (the batch's units, from its scope check): not asked again. */
	ancestors?: Map<string, string[]>;
};

/**
 * Re-derive the given entities from the log and move the rollups by the
 * difference. Returns dossier states. Reads are issued first; each write is
 * sent without waiting for the one before (the connection runs them in order,
 * inside the caller's transaction), so the fold and the deltas are computed
 * here while the database is still busy with the previous statement.
 */
export async function project(
	database: Database,
	tx: Db,
	input: ProjectInput
): Promise<DossierState[]> {
	const deltas = new DeltaTable();
	// The hour and breakdown rows keep their own counters only (hours.ts, breakdown-counters.ts).
	const hours = new DeltaTable(HOUR_COUNTERS);
	const breakdown = new DeltaTable(BREAKDOWN_COUNTERS);
	const states: DossierState[] = [];
	const writes: Promise<unknown>[] = [];
	// Both entity kinds' reads at once, before any write.
	const dossierReads =
		input.dossiers.length > 0
			? Promise.all([
					loadEvents(database, tx, 'dossier', input.dossiers, input.fresh),
					input.hasOld ? loadOldDossiers(database, tx, input.dossiers) : Promise.resolve([])
				])
			: null;
	const feedbackReads =
		input.feedbacks.length > 0
			? Promise.all([
					loadEvents(database, tx, 'feedback', input.feedbacks, input.fresh),
					input.hasOld ? loadOldFeedbacks(database, tx, input.feedbacks) : Promise.resolve([])
				])
			: null;
	try {
		if (dossierReads) {
			const [rows, old] = await dossierReads;
			for (const o of old) {
				deltas.add(o.unit, o.contrib, -1);
				hours.add(o.unit, storedHours(o), -1);
				breakdown.add(breakdownKey(o.unit, o.field, o.procedure), o.contrib, -1);
			}
			const records = [];
			for (const [code, list] of groupBy(rows, (r) => r.dossier ?? '')) {
				const s = foldDossier(code, list.map(toFoldEvent));
				const contrib = dossierContribution(s);
				deltas.add(s.unit, contrib, 1);
				hours.add(s.unit, hourContribution(openInstants(openInputsOf(s))), 1);
				breakdown.add(breakdownKey(s.unit, s.field, s.procedure), contrib, 1);
				records.push(dossierRecord(s, contrib));
				states.push(s);
			}
			writes.push(upsertDossiers(database, tx, records), upsertNames(database, tx, states));
		}
		if (feedbackReads) {
			const [rows, old] = await feedbackReads;
			for (const o of old) deltas.add(o.unit, o.contrib, -1);
			const folded = [...groupBy(rows, (r) => r.feedback ?? '')].map(([code, list]) => {
				const s = foldFeedback(code, list);
				const contrib = feedbackContribution(s);
				deltas.add(s.unit, contrib, 1);
				return { s, contrib };
			});
			writes.push(upsertFeedbacks(database, tx, folded));
		}
		for (const r of input.loneRatings) deltas.add(r.unit, loneRatingContribution(r.at, r.level), 1);
		writes.push(applyDeltas(database, tx, { days: deltas, hours, breakdown }, input.ancestors));
	} finally {
		// Every statement sent is waited for (and its failure reported), whatever failed first.
		const settled = await Promise.allSettled([dossierReads, feedbackReads, ...writes]);
		const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
		// eslint-disable-next-line no-unsafe-finally -- deliberate: the first failure of any statement sent is the one reported
		if (failed) throw failed.reason;
	}
	return states;
}
