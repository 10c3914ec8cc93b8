/**
 * The overdue watch's URL state and its pure list logic (filters, sort, counts),
 * shared by the page load, the live JSON endpoint and the CSV export.
 *
 * URL: unit (default the user's scope), tab (overdue | atRisk | anomalies),
 * atRiskHours (default 24), filters child / field / procedure / channel / flag,
 * sort (overdueHours | dueAt | receivedAt | unit | procedure) with dir (asc | desc),
 * reminded (yes | no: reminded about at least once, or never), and for the
 * anomalies tab an optional period from / to (received in).
 */
import { z } from 'zod';
import { FLAGS } from '../../../lib/domain/dossier/flags.ts';
import { isValidDay } from '../../../lib/domain/figures/period.ts';
import type { WatchItem, WatchSort, WatchTab } from '$lib/types/views.ts';

export const TABS = ['overdue', 'atRisk', 'anomalies'] as const satisfies readonly WatchTab[];
export type Tab = (typeof TABS)[number];
export const SORTS = [
	'overdueHours',
	'dueAt',
	'receivedAt',
	'unit',
	'procedure'
] as const satisfies readonly WatchSort[];
export type Sort = (typeof SORTS)[number];
export const CHANNELS = ['direct', 'online', 'postal'] as const;

const code = z
	.string()
	.trim()
	.min(1)
	.max(64)
	.regex(/^[\p{L}\p{N}._\-/]+$/u, 'mã chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới');
const day = z.string().refine(isValidDay, 'ngày phải có dạng YYYY-MM-DD');
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const opt = <T extends z.ZodType>(t: T) => z.preprocess(blankToUndefined, t.optional());

export const StateSchema = z
	.object({
		unit: opt(code),
		tab: z.preprocess(
			blankToUndefined,
			z.enum(TABS, { error: 'tab phải là overdue, atRisk hoặc anomalies' }).default('overdue')
		),
		atRiskHours: z.preprocess(
			blankToUndefined,
			z.coerce
				.number({ error: 'atRiskHours phải là số giờ' })
				.min(0, 'atRiskHours từ 0 đến 8784')
				.max(8784, 'atRiskHours từ 0 đến 8784')
				.default(24)
		),
		child: opt(code),
		field: opt(code),
		procedure: opt(code),
		channel: opt(z.enum(CHANNELS, { error: 'channel phải là direct, online hoặc postal' })),
		flag: opt(z.enum(FLAGS, { error: `flag phải là một trong ${FLAGS.join(', ')}` })),
		sort: opt(z.enum(SORTS, { error: `sort phải là một trong ${SORTS.join(', ')}` })),
		dir: opt(z.enum(['asc', 'desc'], { error: 'dir phải là asc hoặc desc' })),
		from: opt(day),
		to: opt(day),
		reminded: opt(z.enum(['yes', 'no'], { error: 'reminded phải là yes hoặc no' }))
	})
	.refine((s) => !s.from || !s.to || s.from <= s.to, {
		error: '`from` không được sau `to`',
		path: ['from']
	});

export type WatchState = Omit<z.output<typeof StateSchema>, 'sort' | 'dir'> & {
	sort: Sort;
	dir: 'asc' | 'desc';
};

/** Parsed state, or the first problem as a sentence. */
export function parseState(
	params: URLSearchParams
): { ok: true; state: WatchState } | { ok: false; error: string } {
	const raw: Record<string, string> = {};
	for (const k of [
		'unit',
		'tab',
		'atRiskHours',
		'child',
		'field',
		'procedure',
		'channel',
		'flag',
		'sort',
		'dir',
		'from',
		'to',
		'reminded'
	]) {
		const v = params.get(k);
		if (v !== null) raw[k] = v;
	}
	const r = StateSchema.safeParse(raw);
	if (!r.success) {
		const i = r.error.issues[0];
		return {
			ok: false,
			error: `Tham số \`${String(i.path[0] ?? '')}\` không hợp lệ: ${i.message}`
		};
	}
	const s = r.data;
	const sort: Sort = s.sort ?? defaultSort(s.tab);
	const dir = s.dir ?? defaultDir(sort);
	return { ok: true, state: { ...s, sort, dir } };
}

export const defaultSort = (tab: Tab): Sort =>
	tab === 'anomalies' ? 'receivedAt' : 'overdueHours';
/** Most overdue / newest first; names and appointments A→Z / earliest first. */
export const defaultDir = (sort: Sort): 'asc' | 'desc' =>
	sort === 'overdueHours' || sort === 'receivedAt' ? 'desc' : 'asc';

/** Whether an item passes the filters (optionally ignoring the child filter, for the per-unit counts). */
export function matches(
	item: WatchItem,
	s: WatchState,
	childOf: (unit: string) => string,
	ignoreChild = false
): boolean {
	if (!ignoreChild && s.child && childOf(item.unit) !== s.child) return false;
	if (s.field && item.field !== s.field) return false;
	if (s.procedure && item.procedure !== s.procedure) return false;
	if (s.channel && item.channel !== s.channel) return false;
	if (s.flag && !item.flags.includes(s.flag)) return false;
	if (s.reminded === 'yes' && !item.remindedAt) return false;
	if (s.reminded === 'no' && item.remindedAt) return false;
	return true;
}

const text = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'vi');
const time = (iso: string | null) => (iso ? Date.parse(iso) : 0);

/** Sorted copy; ties broken by first appointment then dossier code, so the order is stable. */
export function sortItems(
	items: readonly WatchItem[],
	sort: Sort,
	dir: 'asc' | 'desc'
): WatchItem[] {
	const sign = dir === 'asc' ? 1 : -1;
	const key: Record<Sort, (a: WatchItem, b: WatchItem) => number> = {
		overdueHours: (a, b) => a.overdueHours - b.overdueHours,
		dueAt: (a, b) => time(a.firstDueAt) - time(b.firstDueAt),
		receivedAt: (a, b) => time(a.receivedAt) - time(b.receivedAt),
		unit: (a, b) => text(a.unitName, b.unitName),
		procedure: (a, b) => text(a.procedureName ?? a.procedure, b.procedureName ?? b.procedure)
	};
	return [...items].sort(
		(a, b) =>
			sign * key[sort](a, b) ||
			time(a.firstDueAt) - time(b.firstDueAt) ||
			(a.dossier < b.dossier ? -1 : a.dossier > b.dossier ? 1 : 0)
	);
}

export type Option = { code: string; name: string; n: number };

/** Distinct values of a field among the items, with names and counts, most frequent first. */
export function optionsOf(
	items: readonly WatchItem[],
	codeOf: (i: WatchItem) => string | null,
	nameOf: (i: WatchItem) => string | null
): Option[] {
	const m = new Map<string, Option>();
	for (const i of items) {
		const c = codeOf(i);
		if (!c) continue;
		const o = m.get(c) ?? { code: c, name: nameOf(i) ?? c, n: 0 };
		o.n++;
		m.set(c, o);
	}
	return [...m.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'vi'));
}

/** The URL search of a state (defaults left out), for links and the export. */
export function searchOf(
	s: Partial<WatchState> & { lang?: string },
	overrides: Record<string, string | number | null | undefined> = {}
): string {
	const p = new URLSearchParams();
	const all: Record<string, unknown> = { ...s, ...overrides };
	for (const [k, v] of Object.entries(all)) {
		if (v === undefined || v === null || v === '') continue;
		if (k === 'tab' && v === 'overdue') continue;
		if (k === 'atRiskHours' && Number(v) === 24) continue;
		if (k === 'sort' && v === defaultSort((all.tab as Tab) ?? 'overdue')) continue;
		if (
			k === 'dir' &&
			v === defaultDir((all.sort as Sort) ?? defaultSort((all.tab as Tab) ?? 'overdue'))
		)
			continue;
		p.set(k, String(v));
	}
	const q = p.toString();
	return q ? `?${q}` : '';
}
