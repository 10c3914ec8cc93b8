/**
 * Loads the overdue watch for a signed-in user: checks the unit scope, reads the
 * watchlist (docs/api.md#overdue-list, the same query as GET /api/v1/overdue) and the flagged
 * dossiers, then filters, sorts and counts as the URL says (view.ts).
 */
import { error } from '@sveltejs/kit';
import { fill, langOf, type Lang } from '$lib/client/i18n.ts';
import { ERROR_STRINGS } from '$lib/client/strings/errors.ts';
import { overdueCause } from '$lib/domain/dossier/attribution.ts';
import type { App } from '$lib/server/app.ts';
import type { Principal } from '$lib/server/auth/roles.ts';
import { latestSeq } from '$lib/server/ingest/ingest.ts';
import { anomalyList } from '$lib/server/queries/anomalies.ts';
import { childOfDescendants, unitPath } from '$lib/server/queries/geo.ts';
import { watchlist, type WatchItem } from '$lib/server/queries/overdue.ts';
import { getUnit, inScope, listUnits } from '$lib/server/queries/units.ts';
import { lastReminded } from '$lib/server/queries/reminders.ts';
import { dossierNoteSummaries } from '$lib/server/queries/notes.ts';
import {
	matches,
	optionsOf,
	parseState,
	sortItems,
	type Option,
	type Tab,
	type WatchState
} from './view.ts';

/** Rows sent to the page; the CSV export has them all. */
export const PAGE_ROWS = 500;
/**
 * Flagged dossiers read for the page (newest first): enough for a province's
 * recent months, bounded because the page refetches live. Beyond it the
 * anomaly counts are marked as lower bounds; the CSV export reads far more.
 */
export const ANOMALY_ROWS = 5000;
export const EXPORT_ANOMALY_ROWS = 200_000;

/** Per child: the tabs' counts, and of the overdue ones those the data caused (dossier/attribution.ts). */
export type ChildCount = {
	code: string;
	name: string;
	own: boolean;
	overdue: number;
	atRisk: number;
	anomalies: number;
	sync: number;
};

export type WatchView = {
	state: WatchState;
	unit: { code: string; name: string; type: string };
	path: { code: string; name: string }[];
	/** The tabs' counts, and `sync`: of the overdue ones, those the data caused. */
	counts: Record<Tab | 'sync', number>;
	/** the flagged list was cut at `anomalyLimit`: its counts are at least the numbers shown */
	anomaliesTruncated: boolean;
	anomalyLimit: number;
	perChild: ChildCount[];
	options: { fields: Option[]; procedures: Option[]; childUnits: { code: string; name: string }[] };
	items: WatchItem[];
	total: number;
	seq: number;
	generatedAt: string;
};

type User = Extract<Principal, { kind: 'user' }>;

/** 401 / 400 / 404 / 403 as SvelteKit errors; the state from the URL otherwise, and the page's language. */
export function stateFor(
	user: User | null | undefined,
	params: URLSearchParams
): { user: User; state: WatchState; lang: Lang } {
	if (!user) error(401, ERROR_STRINGS[langOf(params)].loginRequired);
	const parsed = parseState(params);
	if (!parsed.ok) error(400, parsed.error);
	return {
		user,
		state: { ...parsed.state, unit: parsed.state.unit ?? user.scopeCode },
		lang: langOf(params)
	};
}

export async function loadWatch(
	app: App,
	user: User,
	state: WatchState,
	rows: number | null = PAGE_ROWS,
	anomalyLimit = ANOMALY_ROWS,
	lang: Lang = 'vi'
): Promise<WatchView> {
	const db = app.database;
	const e = ERROR_STRINGS[lang];
	const unit = await getUnit(db, state.unit!);
	if (!unit) error(404, fill(e.noUnit, { code: state.unit! }));
	if (!inScope(unit, user.scopeCode)) error(403, e.outsideScope);
	const now = app.now();
	const [seq, lists, flagged, children, childMap, path] = await Promise.all([
		latestSeq(db),
		watchlist(db, unit.code, now, state.atRiskHours),
		anomalyList(
			db,
			unit.code,
			{ from: state.from ?? null, to: state.to ?? null },
			now,
			anomalyLimit
		),
		listUnits(db, { parent: unit.code }),
		childOfDescendants(db, unit.code, unit.depth),
		unitPath(db, unit.ancestors)
	]);
	if (state.child && !children.some((c) => c.code === state.child))
		error(400, fill(e.notAChild, { child: state.child, unit: unit.code }));
	// The unit's own counter counts under its own code.
	const childOf = (u: string) => childMap[u] ?? unit.code;
	const byTab: Record<Tab, WatchItem[]> = {
		overdue: lists.overdue,
		atRisk: lists.atRisk,
		anomalies: flagged.items
	};
	// Reminders and notes of every listed dossier: shown on the rows, and the `reminded` filter.
	const listed = [...new Set(Object.values(byTab).flatMap((l) => l.map((i) => i.dossier)))];
	const [reminded, notes] = await Promise.all([
		lastReminded(db, listed),
		dossierNoteSummaries(db, listed)
	]);
	for (const l of Object.values(byTab))
		for (const i of l) {
			i.remindedAt = reminded.get(i.dossier) ?? null;
			i.notes = notes.get(i.dossier)?.count ?? 0;
		}

	const counts = { overdue: 0, atRisk: 0, anomalies: 0, sync: 0 };
	const per = new Map<string, ChildCount>();
	const own: ChildCount = {
		code: unit.code,
		name: unit.name,
		own: true,
		overdue: 0,
		atRisk: 0,
		anomalies: 0,
		sync: 0
	};
	for (const c of children)
		per.set(c.code, {
			code: c.code,
			name: c.name,
			own: false,
			overdue: 0,
			atRisk: 0,
			anomalies: 0,
			sync: 0
		});
	for (const tab of ['overdue', 'atRisk', 'anomalies'] as const) {
		for (const item of byTab[tab]) {
			if (!matches(item, state, childOf, true)) continue;
			const k = childOf(item.unit);
			const row = per.get(k) ?? own;
			row[tab]++;
			const sync = tab === 'overdue' && overdueCause(item) === 'sync';
			if (sync) row.sync++;
			if (!state.child || k === state.child) {
				counts[tab]++;
				if (sync) counts.sync++;
			}
		}
	}
	const perChild = [
		...(own.overdue + own.atRisk + own.anomalies > 0 ? [own] : []),
		...per.values()
	];

	const all = byTab[state.tab];
	const filtered = sortItems(
		all.filter((i) => matches(i, state, childOf)),
		state.sort,
		state.dir
	);
	return {
		state,
		unit: { code: unit.code, name: unit.name, type: unit.type },
		path,
		counts,
		anomaliesTruncated: flagged.truncated,
		anomalyLimit,
		perChild,
		options: {
			fields: optionsOf(
				all,
				(i) => i.field,
				(i) => i.fieldName
			),
			procedures: optionsOf(
				all,
				(i) => i.procedure,
				(i) => i.procedureName
			),
			childUnits: children.map((c) => ({ code: c.code, name: c.name }))
		},
		items: rows === null ? filtered : filtered.slice(0, rows),
		total: filtered.length,
		seq,
		generatedAt: now.toISOString()
	};
}
