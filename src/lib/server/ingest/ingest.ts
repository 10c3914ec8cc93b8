/**
 * POST /api/v1/events (docs/api.md#ingest): validate the whole batch, check every unit
 * against the key's scope, then write the log, the projections and the rollups
 * in ONE transaction — all or nothing. Ingest transactions are serialised by an
 * advisory lock, so feed seqs commit in order and projections never race.
 */
import { sql } from 'drizzle-orm';
import {
	parseBatch,
	parseEvent,
	type EventError,
	type IngestEvent
} from '../../domain/events/schema.ts';
import type { DossierState } from '../../domain/dossier/state.ts';
import type { Database, Db } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { ancestorsOf } from '../queries/units.ts';
import { loadCalendar } from '../queries/calendar.ts';
import { recordActivity } from './activity.ts';
import { lockedTransaction } from './lock.ts';
import { ownershipErrors } from './ownership.ts';
import { project } from './project.ts';
import type { StoredEventRow } from './stored-event.ts';

export const MAX_EVENTS = 5000;

export type IngestKey = { source: string; scopeCode: string };

export type AcceptedItem = {
	seq: number;
	id: string;
	type: string;
	unit: string;
	dossier: string | null;
	at: string;
};

export type IngestResult =
	| {
			status: 200;
			body: { accepted: number; duplicates: number; lastSeq: number };
			items: AcceptedItem[];
			dossiers: DossierState[];
	  }
	| { status: 400 | 403; body: { errors: EventError[] } };

function entityOf(e: IngestEvent): { dossier: string | null; feedback: string | null } {
	if (e.type === 'feedback.received' || e.type === 'feedback.resolved')
		return { dossier: null, feedback: e.feedback };
	return { dossier: e.dossier ?? null, feedback: null };
}

/** Fields kept in their own columns, not repeated in the payload. */
const COLUMNS = new Set(['id', 'type', 'at', 'unit', 'dossier', 'feedback']);

/** The JSON kept in events.payload: the validated event's other fields, times as ISO, a computed dueAt marked as such. */
function payloadOf(e: IngestEvent, computedDueAt: Date | null): Record<string, unknown> {
	const p: Record<string, unknown> = {};
	const feedback = e.type === 'feedback.received' || e.type === 'feedback.resolved';
	for (const [k, v] of Object.entries(e)) {
		// A feedback item's optional dossier reference has no column of its own: keep it.
		if (COLUMNS.has(k) && !(feedback && k === 'dossier')) continue;
		p[k] = v instanceof Date ? v.toISOString() : v;
	}
	if (computedDueAt) {
		p.dueAt = computedDueAt.toISOString();
		p.dueAtComputed = true;
	}
	return p;
}

/** Unknown units (400) and units outside the key's scope (403), each error at its event's index; and the ancestors found. */
async function scopeErrors(
	database: Database,
	tx: Db,
	records: readonly { index: number; unit: string }[],
	scopeCode: string
) {
	const ancestors = await ancestorsOf(database, [...new Set(records.map((r) => r.unit))], tx);
	const unknown: EventError[] = [];
	const outside: EventError[] = [];
	for (const r of records) {
		const a = ancestors.get(r.unit);
		if (!a) unknown.push({ index: r.index, path: 'unit', message: `unknown unit "${r.unit}"` });
		else if (!a.includes(scopeCode))
			outside.push({
				index: r.index,
				path: 'unit',
				message: `unit "${r.unit}" is outside this key's scope (${scopeCode})`
			});
	}
	return { unknown, outside, ancestors };
}

/** Row of an event about to be stored: `index` is its position in the request (for errors). */
type Row = Omit<StoredEventRow, 'seq' | 'event_id' | 'accepted_at'> & { index: number; id: string };

/** A row's columns in the log, as the insert reads them and as the projection folds them. */
export function logColumns(r: Row): Omit<StoredEventRow, 'seq' | 'accepted_at'> {
	return {
		event_id: r.id,
		type: r.type,
		at: r.at,
		unit: r.unit,
		dossier: r.dossier,
		feedback: r.feedback,
		payload: r.payload
	};
}

/**
 * A batch that passed validation, ready to be written (`write`): its rows and,
 * built here outside the lock, the JSON the log insert and the duplicate check send.
 */
export type PreparedBatch = {
	key: IngestKey;
	events: number;
	records: Row[];
	rowsJson: string;
	idsJson: string;
	/** More to write in the same transaction when the batch is accepted (duplicates only, too): a sender's own state. */
	alsoWrite?: (tx: Db) => Promise<void>;
};

/**
 * Validation, outside the transaction and the lock: a sender's next batch is
 * prepared while the previous one is being written.
 */
export async function prepare(
	database: Database,
	key: IngestKey,
	raw: unknown[],
	opts: { yieldEvery?: number } = {}
): Promise<
	| { ok: true; batch: PreparedBatch }
	| { ok: false; result: Extract<IngestResult, { status: 400 | 403 }> }
> {
	const { events, errors } = opts.yieldEvery
		? await parseInSlices(raw, opts.yieldEvery)
		: parseBatch(raw);
	if (errors.length > 0) return { ok: false, result: { status: 400, body: { errors } } };

	const needsCalendar = events.some((e) => e.type === 'dossier.received' && e.dueAt === undefined);
	const calendar = needsCalendar ? await loadCalendar(database) : null;

	// Duplicates inside the batch: the first occurrence of an id wins.
	const seen = new Set<string>();
	const records: Row[] = [];
	events.forEach((e, index) => {
		if (seen.has(e.id)) return;
		seen.add(e.id);
		const computed =
			e.type === 'dossier.received' && e.dueAt === undefined && calendar
				? calendar.addWorkingDays(e.at, e.processingDays ?? 0)
				: null;
		records.push({
			index,
			id: e.id,
			type: e.type,
			at: e.at.toISOString(),
			unit: e.unit,
			...entityOf(e),
			payload: payloadOf(e, computed)
		});
	});
	const rowsJson = JSON.stringify(records.map((r, ord) => ({ ord, ...logColumns(r) })));
	return {
		ok: true,
		batch: {
			key,
			events: events.length,
			records,
			rowsJson,
			idsJson: JSON.stringify(records.map((r) => r.id))
		}
	};
}

/** parseBatch, a slice at a time with a turn of the event loop between (a write in flight goes on meanwhile). */
async function parseInSlices(
	raw: unknown[],
	slice: number
): Promise<ReturnType<typeof parseBatch>> {
	const events: IngestEvent[] = [];
	const errors: EventError[] = [];
	for (let i = 0; i < raw.length; i += slice) {
		if (i > 0) await new Promise((resolve) => setImmediate(resolve));
		for (let k = i; k < Math.min(raw.length, i + slice); k++) {
			const r = parseEvent(raw[k], k);
			if (r.event) events.push(r.event);
			errors.push(...r.errors);
		}
	}
	return { events, errors };
}

/**
 * The transaction, under the ingest lock (so no units import or merger moves
 * a unit meanwhile): every event's unit known and inside the key's scope,
 * which events are new (the others are duplicates and change nothing),
 * whether they may touch their dossiers (ownership.ts), then the log with
 * seqs reserved at once, the projections and the rollups. Nothing is written
 * unless everything is.
 */
export async function write(database: Database, b: PreparedBatch): Promise<IngestResult> {
	if (b.records.length === 0 && !b.alsoWrite)
		return {
			status: 200,
			body: { accepted: 0, duplicates: 0, lastSeq: await latestSeq(database) },
			items: [],
			dossiers: []
		};
	return lockedTransaction(
		database,
		async (tx, acceptedAt) => {
			const { unknown, outside, ancestors } = await scopeErrors(
				database,
				tx,
				b.records,
				b.key.scopeCode
			);
			if (unknown.length > 0) throw new Refused({ status: 400, body: { errors: unknown } });
			if (outside.length > 0) throw new Refused({ status: 403, body: { errors: outside } });
			// One index lookup per id on (source, event_id), whatever the statistics say: with `event_id = any(…)` the
			// planner, told by ANALYZE that a new source has no rows, scanned all of that source's ids as a filter on
			// `source` alone, every batch (a 100 k-dossier import after a 1 M one took minutes per batch).
			const knownIds = await jsonRows<string>(
				database,
				sql`select to_jsonb(e.event_id) as j from jsonb_array_elements_text(${b.idsJson}::jsonb) as x(id)
				cross join lateral (select event_id from events where source = ${b.key.source} and event_id = x.id limit 1) e`,
				tx
			);
			const known = new Set(knownIds);
			const accepted = known.size === 0 ? b.records : b.records.filter((r) => !known.has(r.id));
			await b.alsoWrite?.(tx);
			if (accepted.length === 0)
				return {
					status: 200 as const,
					body: { accepted: 0, duplicates: b.events, lastSeq: await latestSeq(database, tx) },
					items: [],
					dossiers: []
				};
			// Duplicates change nothing and are not checked: resending an old batch stays safe after a dossier moved.
			const denied = await ownershipErrors(database, tx, accepted, b.key.scopeCode);
			if (denied.length > 0) throw new Refused({ status: 403, body: { errors: denied } });

			// Seqs for the whole batch in one step (every writer of the feed holds this lock): no RETURNING per row.
			const [last] = await jsonRows<number>(
				database,
				sql`select to_jsonb(setval('feed_seq', nextval('feed_seq') + ${accepted.length - 1})) as j`,
				tx
			);
			const first = Number(last) - accepted.length + 1;
			// The accepted rows in request order get first, first + 1, …: the same numbering below.
			const skip =
				known.size === 0
					? sql``
					: sql`where x.event_id <> all(array(select jsonb_array_elements_text(${JSON.stringify(knownIds)}::jsonb)))`;
			const fresh: StoredEventRow[] = accepted.map((r, i) => ({
				seq: first + i,
				...logColumns(r),
				accepted_at: acceptedAt
			}));
			// The log insert is sent after the projection's reads (which only see older events): the fold runs meanwhile.
			const insertLater = () =>
				database.rows(
					sql`insert into events (seq, source, event_id, type, at, unit, dossier, feedback, payload, accepted_at)
					select ${first - 1}::bigint + row_number() over (order by x.ord), ${b.key.source}, x.event_id, x.type, x.at, x.unit,
						x.dossier, x.feedback, x.payload, ${acceptedAt}::timestamptz
					from jsonb_to_recordset(${b.rowsJson}::jsonb)
						as x(ord int, event_id text, type text, at timestamptz, unit text, dossier text, feedback text, payload jsonb)
					${skip}`,
					tx
				);
			const dossierCodes = new Set<string>();
			const feedbackCodes = new Set<string>();
			const loneRatings = [];
			for (const r of accepted) {
				if (r.feedback) feedbackCodes.add(r.feedback);
				else if (r.dossier) dossierCodes.add(r.dossier);
				else if (r.type === 'dossier.rated')
					loneRatings.push({
						unit: r.unit,
						at: new Date(r.at),
						level: r.payload.level as 'satisfied'
					});
			}
			const projected = project(database, tx, {
				dossiers: [...dossierCodes],
				feedbacks: [...feedbackCodes],
				loneRatings,
				hasOld: true,
				fresh: { fromSeq: first, rows: fresh },
				ancestors
			});
			const inserted = insertLater();
			const activity = recordActivity(database, tx, accepted, first, acceptedAt);
			const [dossiers] = await Promise.all([projected, inserted, activity]);
			const items = fresh.map((f) => ({
				seq: f.seq,
				id: f.event_id,
				type: f.type,
				unit: f.unit,
				dossier: f.dossier ?? null,
				at: f.at
			}));
			return {
				status: 200 as const,
				body: {
					accepted: accepted.length,
					duplicates: b.events - accepted.length,
					lastSeq: Number(last)
				},
				items,
				dossiers
			};
		},
		{ pipelined: true }
	).catch((err: unknown) => {
		if (err instanceof Refused) return err.result;
		throw err;
	});
}

export async function ingest(
	database: Database,
	key: IngestKey,
	raw: unknown[]
): Promise<IngestResult> {
	const prepared = await prepare(database, key, raw);
	return prepared.ok ? write(database, prepared.batch) : prepared.result;
}

/** Thrown inside the transaction to roll it back whole and answer with `result`. */
class Refused extends Error {
	readonly result: Extract<IngestResult, { status: 400 | 403 }>;
	constructor(result: Extract<IngestResult, { status: 400 | 403 }>) {
		super(`ingest refused (${result.status})`);
		this.result = result;
	}
}

export async function latestSeq(
	database: Database,
	tx?: Parameters<Database['rows']>[1]
): Promise<number> {
	const rows = await jsonRows<number | null>(
		database,
		sql`select to_jsonb(greatest((select max(seq) from events), (select max(seq) from overdue_announcements))) as j`,
		tx
	);
	return Number(rows[0] ?? 0);
}
