/**
 * POST /api/v1/events (CONTRACT §3): validate the whole batch, check every unit
 * against the key's scope, then write the log, the projections and the rollups
 * in ONE transaction — all or nothing. Ingest transactions are serialised by an
 * advisory lock, so feed seqs commit in order and projections never race.
 */
import { sql } from 'drizzle-orm';
import { parseBatch, type EventError, type IngestEvent } from '../../domain/events/schema.ts';
import type { DossierState } from '../../domain/dossier/state.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { ancestorsOf } from '../queries/units.ts';
import { loadCalendar } from '../queries/calendar.ts';
import { lockedTransaction } from './lock.ts';
import { ownershipErrors } from './ownership.ts';
import { project } from './project.ts';
import type { StoredEventRow } from './stored-event.ts';

export const MAX_EVENTS = 5000;

export type IngestKey = { source: string; scopeCode: string };

export type AcceptedItem = { seq: number; id: string; type: string; unit: string; dossier: string | null; at: string };

export type IngestResult =
	| { status: 200; body: { accepted: number; duplicates: number; lastSeq: number }; items: AcceptedItem[]; dossiers: DossierState[] }
	| { status: 400 | 403; body: { errors: EventError[] } };

function entityOf(e: IngestEvent): { dossier: string | null; feedback: string | null } {
	if (e.type === 'feedback.received' || e.type === 'feedback.resolved') return { dossier: null, feedback: e.feedback };
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

async function scopeErrors(database: Database, events: IngestEvent[], scopeCode: string) {
	const ancestors = await ancestorsOf(database, [...new Set(events.map((e) => e.unit))]);
	const unknown: EventError[] = [];
	const outside: EventError[] = [];
	events.forEach((e, index) => {
		const a = ancestors.get(e.unit);
		if (!a) unknown.push({ index, path: 'unit', message: `unknown unit "${e.unit}"` });
		else if (!a.includes(scopeCode)) outside.push({ index, path: 'unit', message: `unit "${e.unit}" is outside this key's scope (${scopeCode})` });
	});
	return { unknown, outside };
}

export async function ingest(database: Database, key: IngestKey, raw: unknown[]): Promise<IngestResult> {
	const { events, errors } = parseBatch(raw);
	if (errors.length > 0) return { status: 400, body: { errors } };
	if (events.length === 0) return { status: 200, body: { accepted: 0, duplicates: 0, lastSeq: await latestSeq(database) }, items: [], dossiers: [] };

	const { unknown, outside } = await scopeErrors(database, events, key.scopeCode);
	if (unknown.length > 0) return { status: 400, body: { errors: unknown } };
	if (outside.length > 0) return { status: 403, body: { errors: outside } };

	const needsCalendar = events.some((e) => e.type === 'dossier.received' && e.dueAt === undefined);
	const calendar = needsCalendar ? await loadCalendar(database) : null;

	// Duplicates inside the batch: the first occurrence of an id wins.
	const seen = new Set<string>();
	/** A stored event before its seq: `ord` its rank among the inserted, `index` its position in the request (for errors). */
	type Row = Omit<StoredEventRow, 'seq' | 'event_id' | 'accepted_at'> & { ord: number; index: number; id: string };
	const records: Row[] = [];
	events.forEach((e, index) => {
		if (seen.has(e.id)) return;
		seen.add(e.id);
		const computed =
			e.type === 'dossier.received' && e.dueAt === undefined && calendar ? calendar.addWorkingDays(e.at, e.processingDays ?? 0) : null;
		records.push({ ord: records.length, index, id: e.id, type: e.type, at: e.at.toISOString(), unit: e.unit, ...entityOf(e), payload: payloadOf(e, computed) });
	});

	return lockedTransaction(database, async (tx) => {
		const inserted = await jsonRows<{ seq: number; event_id: string; accepted_at: string }>(
			database,
			sql`with ins as (
				insert into events (source, event_id, type, at, unit, dossier, feedback, payload)
				select ${key.source}, x.id, x.type, x.at, x.unit, x.dossier, x.feedback, x.payload
				from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
					as x(ord int, id text, type text, at timestamptz, unit text, dossier text, feedback text, payload jsonb)
				order by x.ord
				on conflict (source, event_id) do nothing
				returning seq, event_id, accepted_at)
			select jsonb_build_object('seq', seq, 'event_id', event_id, 'accepted_at', accepted_at) as j from ins`,
			tx
		);
		const seqOf = new Map(inserted.map((r) => [r.event_id, Number(r.seq)]));
		const acceptedAt = inserted[0]?.accepted_at;
		const accepted = records.filter((r) => seqOf.has(r.id));
		// Duplicates change nothing and are not checked: resending an old batch stays safe after a dossier moved.
		const denied = await ownershipErrors(database, tx, accepted, key.scopeCode);
		if (denied.length > 0) throw new Refused({ status: 403, body: { errors: denied } });
		const dossierCodes = new Set<string>();
		const feedbackCodes = new Set<string>();
		const loneRatings = [];
		for (const r of accepted) {
			if (r.feedback) feedbackCodes.add(r.feedback);
			else if (r.dossier) dossierCodes.add(r.dossier);
			else if (r.type === 'dossier.rated') loneRatings.push({ unit: r.unit, at: new Date(r.at), level: r.payload.level as 'satisfied' });
		}
		const fresh = accepted.map((r) => ({
			seq: seqOf.get(r.id)!,
			event_id: r.id,
			type: r.type,
			at: r.at,
			unit: r.unit,
			dossier: r.dossier,
			feedback: r.feedback,
			payload: r.payload,
			accepted_at: acceptedAt
		}));
		const dossiers = await project(database, tx, {
			dossiers: [...dossierCodes],
			feedbacks: [...feedbackCodes],
			loneRatings,
			hasOld: true,
			fresh: { fromSeq: fresh.reduce((m, f) => Math.min(m, f.seq), Number.MAX_SAFE_INTEGER), rows: fresh }
		});
		const items = accepted
			.map((r) => ({ seq: seqOf.get(r.id)!, id: r.id, type: r.type, unit: r.unit, dossier: r.dossier ?? null, at: r.at }))
			.sort((a, b) => a.seq - b.seq);
		const lastSeq = items.length > 0 ? items[items.length - 1].seq : await latestSeq(database, tx);
		return {
			status: 200 as const,
			body: { accepted: accepted.length, duplicates: events.length - accepted.length, lastSeq },
			items,
			dossiers
		};
	}).catch((err: unknown) => {
		if (err instanceof Refused) return err.result;
		throw err;
	});
}

/** Thrown inside the transaction to roll it back whole and answer with `result`. */
class Refused extends Error {
	readonly result: Extract<IngestResult, { status: 400 | 403 }>;
	constructor(result: Extract<IngestResult, { status: 400 | 403 }>) {
		super(`ingest refused (${result.status})`);
		this.result = result;
	}
}

export async function latestSeq(database: Database, tx?: Parameters<Database['rows']>[1]): Promise<number> {
	const rows = await jsonRows<number | null>(
		database,
		sql`select to_jsonb(greatest((select max(seq) from events), (select max(seq) from overdue_announcements))) as j`,
		tx
	);
	return Number(rows[0] ?? 0);
}
