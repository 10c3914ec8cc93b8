/**
 * Whose dossier it is (docs/domain.md#ownership): a dossier belongs to the unit of its
 * latest `dossier.received`, or before one arrives, of its first event — the
 * `unit` its projection holds. An event for a dossier (or a PAKN item) that
 * belongs to a unit outside the key's scope is refused whatever its own
 * `unit` says: no key resolves, rates, withdraws or moves another unit's
 * dossiers. Checked inside the ingest transaction, under the lock, against
 * the stored projections as they were before this batch. Earlier events of
 * the same batch need no check of their own: each names a unit inside the
 * scope, so whatever owner they make is inside it too.
 */
import { sql } from 'drizzle-orm';
import type { EventError } from '../../domain/events/schema.ts';
import type { Database, Db } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';

export type OwnedEvent = { index: number; dossier: string | null; feedback: string | null };

type Foreign = { kind: 'dossier' | 'feedback'; code: string; unit: string };

/** Stored dossiers and PAKN items among `codes` whose unit lies outside the subtree of `scopeCode`. */
export async function foreignOwners(
	database: Database,
	tx: Db | undefined,
	dossiers: string[],
	feedbacks: string[],
	scopeCode: string
): Promise<Foreign[]> {
	if (dossiers.length === 0 && feedbacks.length === 0) return [];
	return jsonRows<Foreign>(
		database,
		sql`select jsonb_build_object('kind', 'dossier', 'code', d.code, 'unit', d.unit) as j
				from dossiers d join units u on u.code = d.unit
				where d.code = ${anyOf(dossiers)} and not (u.ancestors @> array[${scopeCode}]::text[])
			union all
			select jsonb_build_object('kind', 'feedback', 'code', f.code, 'unit', f.unit)
				from feedbacks f join units u on u.code = f.unit
				where f.code = ${anyOf(feedbacks)} and not (u.ancestors @> array[${scopeCode}]::text[])`,
		tx
	);
}

/** One 403 error per event of `events` whose dossier or PAKN item belongs outside the scope. */
export async function ownershipErrors(
	database: Database,
	tx: Db,
	events: readonly OwnedEvent[],
	scopeCode: string
): Promise<EventError[]> {
	const dossiers = new Set<string>();
	const feedbacks = new Set<string>();
	for (const e of events) {
		if (e.feedback) feedbacks.add(e.feedback);
		else if (e.dossier) dossiers.add(e.dossier);
	}
	const foreign = await foreignOwners(database, tx, [...dossiers], [...feedbacks], scopeCode);
	if (foreign.length === 0) return [];
	const owner = new Map(foreign.map((f) => [`${f.kind}:${f.code}`, f.unit]));
	const errors: EventError[] = [];
	for (const e of events) {
		const path = e.feedback ? 'feedback' : 'dossier';
		const code = e.feedback ?? e.dossier;
		const unit = code ? owner.get(`${path}:${code}`) : undefined;
		if (unit === undefined) continue;
		const what = e.feedback ? `feedback item "${code}"` : `dossier "${code}"`;
		errors.push({
			index: e.index,
			path,
			message: `${what} belongs to unit "${unit}", outside this key's scope (${scopeCode})`
		});
	}
	return errors.sort((a, b) => a.index - b.index);
}
