/**
 * Snapshots (docs/domain.md#snapshots): a scope and period frozen — the §4 summary, the
 * §8 table and everything the report page shows — as the exact text of the
 * API's answer, with the SHA-256 of its canonical content; and the drift of
 * the live figures since, with the dossiers whose late events caused it.
 */
import { sql } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { localIso } from '../../domain/calendar/days.ts';
import { canonicalJson } from '../../domain/report/canonical.ts';
import type { Summary } from '../../domain/figures/summary.ts';
import type { App } from '../app.ts';
import { randomString } from '../auth/tokens.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { reportPage, type ReportPageData } from './report-page.ts';
import { inSubtree } from './subtree.ts';
import { summary } from './summary.ts';
import type { UnitInfo } from './units.ts';
import type { DriftDossier } from '../../types/views.ts';

export const TITLE_MAX = 200;

/** What a snapshot holds (its canonical text is what `sha256` is of). */
export type SnapshotContent = {
	unit: string;
	from: string;
	to: string;
	title: string;
	createdAt: string;
	createdBy: string;
	summary: Summary;
	table: { unit: string; from: string; to: string; rows: unknown[]; total: unknown };
	report: ReportPageData;
};
export type Snapshot = SnapshotContent & { id: string; sha256: string };
export type SnapshotListItem = {
	id: string;
	unit: string;
	from: string;
	to: string;
	title: string;
	createdAt: string;
	createdBy: string;
};

const hex = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/** Freezes the unit's figures for the period now; the answer's text is stored as it is. */
export async function createSnapshot(
	app: App,
	unit: UnitInfo,
	from: string,
	to: string,
	title: string,
	author: string,
	scopeCode: string
) {
	const now = app.now();
	const report = JSON.parse(
		JSON.stringify(await reportPage(app, unit, { kind: 'custom', range: { from, to } }, scopeCode))
	) as ReportPageData;
	const createdAt = localIso(now);
	const content: SnapshotContent = {
		unit: unit.code,
		from,
		to,
		title,
		createdAt,
		createdBy: author,
		summary: report.summary,
		table: {
			unit: unit.code,
			from,
			to,
			rows: report.table.rows.map(({ own: _own, ...r }) => r),
			total: report.table.total
		},
		report
	};
	const digest = hex(canonicalJson(content));
	const id = `snp_${randomString(10)}`;
	const { unit: u, ...rest } = content;
	const body = JSON.stringify({ id, unit: u, ...rest, sha256: digest });
	await app.database.rows(
		sql`insert into snapshots (id, unit, from_day, to_day, title, created_at, created_by, sha256, body)
			values (${id}, ${unit.code}, ${from}, ${to}, ${title}, ${now.toISOString()}::timestamptz, ${author}, ${digest}, ${body})`
	);
	return { id, url: `/snapshots/${id}`, createdAt, sha256: digest };
}

/** The stored text and the unit it belongs to (null when unknown). */
export async function snapshotBody(
	database: Database,
	id: string
): Promise<{ unit: string; body: string } | null> {
	const [row] = await jsonRows<{ unit: string; body: string }>(
		database,
		sql`select jsonb_build_object('unit', unit, 'body', body) as j from snapshots where id = ${id}`
	);
	return row ?? null;
}

/** The subtree's snapshots, newest first. */
export async function listSnapshots(
	database: Database,
	unit: string,
	limit = 200
): Promise<SnapshotListItem[]> {
	const rows = await jsonRows<SnapshotListItem & { created: string }>(
		database,
		sql`select jsonb_build_object('id', id, 'unit', unit, 'from', from_day, 'to', to_day, 'title', title, 'created', created_at, 'createdBy', created_by) as j
			from snapshots s where ${inSubtree(sql`s.unit`, unit)} order by created_at desc, id desc limit ${limit}`
	);
	return rows.map(({ created, ...r }) => ({ ...r, createdAt: localIso(new Date(created)) }));
}

export async function deleteSnapshot(database: Database, id: string): Promise<boolean> {
	const rows = await jsonRows<string>(
		database,
		sql`delete from snapshots where id = ${id} returning to_jsonb(id) as j`
	);
	return rows.length > 0;
}

export type { DriftDossier };

/** The live summary for the snapshot's unit and period, and the dossiers with events accepted since that touch the period. */
export async function driftOf(
	app: App,
	unit: UnitInfo,
	s: Pick<Snapshot, 'from' | 'to' | 'createdAt'>,
	limit = 100
): Promise<{ live: Summary; dossiers: DriftDossier[]; more: boolean }> {
	const created = new Date(s.createdAt).toISOString();
	const [live, rows] = await Promise.all([
		summary(app.database, unit, s.from, s.to, app.now()),
		jsonRows<{
			dossier: string;
			unit: string;
			unitName: string;
			type: string;
			at: string;
			accepted: string;
		}>(
			app.database,
			sql`select jsonb_build_object('dossier', e.dossier, 'unit', e.unit, 'unitName', u.name, 'type', e.type, 'at', e.at, 'accepted', e.accepted_at) as j
				from events e join units u on u.code = e.unit
				where e.seq > coalesce((select min(first_seq) from accept_hours where hour >= date_trunc('hour', ${created}::timestamptz) - interval '1 hour'),
						(select coalesce(max(seq), 0) + 1 from events))
					and e.accepted_at > ${created}::timestamptz and e.dossier is not null
					and ${inSubtree(sql`e.unit`, unit.code)}
					-- a late event: it happened before the snapshot, or inside the period
					and (e.at <= ${created}::timestamptz)
				order by e.dossier, e.at limit ${limit * 5 + 1}`
		)
	]);
	const byDossier = new Map<string, DriftDossier>();
	for (const r of rows) {
		let d = byDossier.get(r.dossier);
		if (!d)
			byDossier.set(
				r.dossier,
				(d = { dossier: r.dossier, unit: r.unit, unitName: r.unitName, events: [] })
			);
		d.events.push({
			type: r.type,
			at: localIso(new Date(r.at)),
			acceptedAt: localIso(new Date(r.accepted))
		});
	}
	const dossiers = [...byDossier.values()];
	return {
		live,
		dossiers: dossiers.slice(0, limit),
		more: dossiers.length > limit || rows.length > limit * 5
	};
}
