/**
 * Everything the /reports page shows for one unit and period, computed by the
 * same functions as the API (summary, received-resolved), so the page's
 * numbers equal GET /api/v1/summary and /api/v1/reports/received-resolved.
 */
import { z } from 'zod';
import { fill, type Lang } from '../../client/i18n.ts';
import { ERROR_STRINGS } from '../../client/strings/errors.ts';
import { byLang } from '../../client/strings/forms.ts';
import { localDay } from '../../domain/calendar/days.ts';
import { compare } from '../../domain/report/comparison.ts';
import { narrative } from '../../domain/report/narrative.ts';
import { orderForReview } from '../../domain/report/online-ratings.ts';
import {
	parsePeriod,
	periodLabel,
	REPORT_KINDS,
	sameLastYear,
	shiftPeriod,
	type PeriodChoice
} from '../../domain/report/periods.ts';
import type { App } from '../app.ts';
import { loadCalendar } from './calendar.ts';
import { unitPath } from './geo.ts';
import { mergerNotes } from './merger-notes.ts';
import { onlineRatings } from './online-ratings.ts';
import { getMeta, type DemoInfo } from './meta.ts';
import { receivedResolved } from './received-resolved.ts';
import { breakdowns, sumRows, topOf } from './report-breakdown.ts';
import { lateDossiers } from './report-late.ts';
import { summary } from './summary.ts';
import { getUnit, inScope, listUnits, type UnitInfo } from './units.ts';
import { attributionOf, attributionParts } from './attribution.ts';
import type { ReportPageData } from '../../types/views.ts';

/** The page's URL parameters; an empty value counts as absent. */
export const ReportQuery = byLang((m) =>
	z.object({
		unit: z.string().trim().min(1).max(64, m.unitTooLong).optional(),
		p: z.enum(REPORT_KINDS, { error: m.reportKind }).optional(),
		from: z.string().optional(),
		to: z.string().optional()
	})
);

export type ReportRequest = { unit: UnitInfo; choice: PeriodChoice };
export type ReportRequestError = { status: 400 | 403 | 404; message: string };

/** Validate the URL parameters against the user's scope: the unit (default: the scope itself) and the period. */
export async function resolveReportRequest(
	app: App,
	scopeCode: string,
	params: URLSearchParams,
	lang: Lang = 'vi'
): Promise<{ ok: true; value: ReportRequest } | { ok: false; error: ReportRequestError }> {
	const raw = Object.fromEntries(
		['unit', 'p', 'from', 'to'].map((k) => [k, params.get(k) || undefined])
	);
	const parsed = ReportQuery[lang].safeParse(raw);
	if (!parsed.success)
		return {
			ok: false,
			error: { status: 400, message: parsed.error.issues.map((i) => i.message).join('; ') }
		};
	const q = parsed.data;
	const period = parsePeriod({ p: q.p, from: q.from, to: q.to }, localDay(app.now()));
	if (!period.ok) return { ok: false, error: { status: 400, message: period.error } };
	const code = q.unit ?? scopeCode;
	const unit = await getUnit(app.database, code);
	const e = ERROR_STRINGS[lang];
	if (!unit) return { ok: false, error: { status: 404, message: fill(e.noUnit, { code }) } };
	if (!inScope(unit, scopeCode))
		return { ok: false, error: { status: 403, message: e.outsideScope } };
	return { ok: true, value: { unit, choice: period.value } };
}

export async function reportPage(
	app: App,
	unit: UnitInfo,
	choice: PeriodChoice,
	scopeCode: string
): Promise<ReportPageData> {
	const db = app.database;
	const now = app.now();
	const { kind, range } = choice;
	const prev = shiftPeriod(kind, range, -1);
	const lastYear = sameLastYear(range);
	const calendar = await loadCalendar(db);
	const children = await listUnits(db, { parent: unit.code });
	// Read once: the late lists' totals are its figures.
	const currentSummary = summary(db, unit, range.from, range.to, now);
	const [attribution, table, current, previous, yearAgo, byKey, path, mergers, demo, online, late] =
		await Promise.all([
			attributionParts(
				db,
				[unit, ...children.map((c) => ({ code: c.code, depth: unit.depth + 1 }))],
				range.from,
				range.to,
				now
			),
			receivedResolved(db, unit, range.from, range.to, now),
			currentSummary,
			summary(db, unit, prev.from, prev.to, now),
			summary(db, unit, lastYear.from, lastYear.to, now),
			breakdowns(db, unit.code, range.from, range.to, now),
			unitPath(db, unit.ancestors),
			mergerNotes(db, unit.code, range.from),
			getMeta<DemoInfo>(db, 'demo'),
			onlineRatings(db, unit, range.from, range.to),
			lateDossiers(db, unit.code, range.from, range.to, now, calendar, { summary: currentSummary })
		]);
	const byField = byKey.field;
	const procedures = topOf(byKey.procedure, 10);
	const scopeIndex = unit.ancestors.indexOf(scopeCode);
	return {
		unit: { code: unit.code, name: unit.name, type: unit.type },
		path: path.slice(Math.max(0, scopeIndex)),
		kind,
		range,
		label: periodLabel(kind, range, 'vi'),
		labelEn: periodLabel(kind, range, 'en'),
		prev,
		lastYear,
		today: localDay(now),
		generatedAt: now.toISOString(),
		demo: demo !== null,
		table: { rows: table.rows, total: table.total },
		summary: current,
		comparison: compare(current, previous, yearAgo),
		byField: { rows: byField, total: sumRows(byField) },
		procedures,
		late,
		onlineRatings: { rows: orderForReview(online.rows), total: online.total },
		/** Of the dossiers judged overdue, those the data caused (dossier/attribution.ts): the unit's, and each child's. */
		// The open overdue of each unit is its §8 row's (the same summaries): not computed twice.
		attribution: {
			total: attributionOf(attribution.get(unit.code)!, current.pending.overdue),
			children: children
				.map((c) => {
					const open = table.rows.find((r) => r.unit === c.code && !r.own)?.pending.overdue ?? 0;
					return { unit: c.code, name: c.name, ...attributionOf(attribution.get(c.code)!, open) };
				})
				.filter((c) => c.judged > 0)
		},
		narrative: narrative({
			summary: current,
			flags: { phantomOverdue: late.flags.phantomOverdue, noApology: late.flags.noApology }
		}),
		mergers: mergers.predecessors,
		mergedInto: mergers.mergedInto
	};
}

export type { ReportPageData };
