/**
 * A from-scratch recomputation of the figures (docs/domain.md#figures) straight from the stored
 * dossier / feedback rows and the raw rating events — written independently of
 * the rollup code, to check that the incremental rollups never drift.
 */
import { sql } from 'drizzle-orm';
import type { App } from '../../src/lib/server/app.ts';
import { jsonRows } from '../../src/lib/server/db/json-rows.ts';

const H7 = 7 * 3600_000;
const day = (iso: string | null) =>
	iso ? new Date(new Date(iso).getTime() + H7).toISOString().slice(0, 10) : null;
const startOf = (d: string) => new Date(`${d}T00:00:00+07:00`).getTime();
const ratio = (k: number, n: number) => (n === 0 ? null : k / n);

type Row = Record<string, any>;

export async function loadStore(app: App) {
	const db = app.database;
	const dossiers = await jsonRows<Row>(
		db,
		sql`select to_jsonb(d) - 'contrib' as j from dossiers d`
	);
	const feedbacks = await jsonRows<Row>(
		db,
		sql`select to_jsonb(f) - 'contrib' as j from feedbacks f`
	);
	const lone = await jsonRows<Row>(
		db,
		sql`select jsonb_build_object('unit', unit, 'at', at, 'level', payload->>'level') as j from events where type = 'dossier.rated' and dossier is null`
	);
	const units = await jsonRows<Row>(
		db,
		sql`select jsonb_build_object('code', code, 'ancestors', to_jsonb(ancestors)) as j from units`
	);
	const apologies = await jsonRows<Row>(
		db,
		sql`select jsonb_build_object('unit', d.unit, 'at', e.at) as j from events e join dossiers d on d.code = e.dossier
			where e.type = 'dossier.rescheduled' and (e.payload->>'apology')::boolean and d.received`
	);
	return {
		dossiers,
		feedbacks,
		lone,
		apologies,
		ancestors: new Map(units.map((u) => [u.code as string, u.ancestors as string[]]))
	};
}

export type Store = Awaited<ReturnType<typeof loadStore>>;

export function referenceSummary(store: Store, unit: string, from: string, to: string, now: Date) {
	const inScope = (u: string) => store.ancestors.get(u)?.includes(unit) ?? false;
	const inPeriod = (iso: string | null) => {
		const d = day(iso);
		return d !== null && d >= from && d <= to;
	};
	const S = startOf(from);
	const E = Math.min(startOf(to) + 86400_000, now.getTime());
	const open = (d: Row, t: number) =>
		d.received &&
		new Date(d.received_at).getTime() < t &&
		(d.finished_at === null || new Date(d.finished_at).getTime() >= t);

	const ds = store.dossiers.filter((d) => inScope(d.unit));
	const recv = ds.filter((d) => d.received && inPeriod(d.received_at));
	const res = ds.filter((d) => d.received && d.status === 'resolved' && inPeriod(d.resolved_at));
	const pendingEnd = ds.filter((d) => open(d, E));
	const carried = ds.filter((d) => open(d, S)).length;
	const ratings = [
		...ds.filter((d) => d.rating && inPeriod(d.rated_at)).map((d) => d.rating as string),
		...store.lone.filter((r) => inScope(r.unit) && inPeriod(r.at)).map((r) => r.level as string)
	];
	const fb = store.feedbacks.filter((f) => inScope(f.unit));
	const count = <T>(xs: T[], p: (x: T) => boolean) => xs.filter(p).length;
	const c = {
		new: recv.length,
		online: count(recv, (d) => d.channel === 'online'),
		early: count(res, (d) => d.outcome === 'early'),
		onTime: count(res, (d) => d.outcome === 'on_time'),
		digIn: count(recv, (d) => d.digitized),
		digRes: count(res, (d) => d.result_digitized),
		vs: ratings.filter((r) => r === 'very_satisfied').length,
		s: ratings.filter((r) => r === 'satisfied').length
	};
	return {
		unit,
		from,
		to,
		received: {
			total: c.new + carried,
			new: c.new,
			carriedOver: carried,
			direct: count(recv, (d) => d.channel === 'direct'),
			online: c.online,
			postal: count(recv, (d) => d.channel === 'postal'),
			onlineFull: count(recv, (d) => d.channel === 'online' && d.online_level === 'full')
		},
		resolved: {
			total: res.length,
			early: c.early,
			onTime: c.onTime,
			overdue: count(res, (d) => d.outcome === 'overdue')
		},
		pending: {
			total: pendingEnd.length,
			withinDeadline: count(pendingEnd, (d) => new Date(d.first_due_at).getTime() >= E),
			overdue: count(pendingEnd, (d) => new Date(d.first_due_at).getTime() < E)
		},
		withdrawn: count(ds, (d) => d.received && d.status === 'withdrawn' && inPeriod(d.finished_at)),
		rejected: count(ds, (d) => d.received && d.status === 'rejected' && inPeriod(d.finished_at)),
		apologies: count(store.apologies, (a) => inScope(a.unit) && inPeriod(a.at)),
		digitized: { intake: c.digIn, result: c.digRes },
		ratings: {
			total: ratings.length,
			verySatisfied: c.vs,
			satisfied: c.s,
			unsatisfied: ratings.filter((r) => r === 'unsatisfied').length
		},
		feedback: {
			received: count(fb, (f) => inPeriod(f.received_at)),
			resolved: count(fb, (f) => inPeriod(f.resolved_at))
		},
		rates: {
			onTime: ratio(c.early + c.onTime, res.length),
			online: ratio(c.online, c.new),
			digitizedIntake: ratio(c.digIn, c.new),
			digitizedResult: ratio(c.digRes, res.length),
			satisfaction: ratio(c.vs + c.s, ratings.length)
		}
	};
}

/** The scoreboard (docs/domain.md#scoreboard) from the stored dossiers, independently of the counters (the arithmetic is docs/domain.md's). */
export function referenceScoreboard(
	store: Store,
	unit: string,
	from: string,
	to: string,
	now: Date
) {
	const s = referenceSummary(store, unit, from, to, now);
	const inScope = (u: string) => store.ancestors.get(u)?.includes(unit) ?? false;
	const inPeriod = (iso: string | null) => {
		const d = day(iso);
		return d !== null && d >= from && d <= to;
	};
	const E = Math.min(startOf(to) + 86400_000, now.getTime());
	const few = (d: Row) => d.supplements <= 1;
	const ds = store.dossiers.filter((d) => inScope(d.unit) && d.received);
	const resolved = ds.filter((d) => d.status === 'resolved' && inPeriod(d.resolved_at));
	const pending = ds.filter(
		(d) =>
			new Date(d.received_at).getTime() < E &&
			(d.finished_at === null || new Date(d.finished_at).getTime() >= E)
	);
	const inTime =
		resolved.filter((d) => (d.outcome === 'early' || d.outcome === 'on_time') && few(d)).length +
		pending.filter((d) => new Date(d.first_due_at).getTime() >= E && few(d)).length;
	const handled = resolved.length + pending.length;
	const g = (max: number, n: number, k: number, full: number | null) => {
		if (n === 0) return { points: null, max, value: null, n };
		const value = k / n;
		return { points: full === null ? max * value : max * Math.min(1, value / full), max, value, n };
	};
	const progress = g(20, handled, inTime, null);
	const online = g(6, s.received.new, s.received.online, 0.5);
	const satisfaction = g(6, s.ratings.total, s.ratings.verySatisfied + s.ratings.satisfied, 0.9);
	const groups = [progress, online, satisfaction].filter((x) => x.points !== null);
	return {
		unit,
		from,
		to,
		progress,
		online,
		satisfaction,
		total: {
			points: groups.reduce((a, x) => a + (x.points as number), 0),
			max: groups.reduce((a, x) => a + x.max, 0)
		}
	};
}

/**
 * The report's breakdown by field or procedure (queries/report-breakdown.ts) from the stored dossiers: for
 * each code, the summary's figures of the unit's dossiers with that code — without the names.
 */
export function referenceBreakdown(
	store: Store,
	unit: string,
	from: string,
	to: string,
	now: Date,
	by: 'field' | 'procedure'
) {
	const codes = [...new Set(store.dossiers.map((d) => (d[by] ?? '') as string))].sort((a, b) =>
		a < b ? -1 : a > b ? 1 : 0
	);
	return codes.flatMap((key) => {
		const dossiers = store.dossiers.filter((d) => (d[by] ?? '') === key);
		const s = referenceSummary({ ...store, dossiers }, unit, from, to, now);
		const row = {
			key,
			received: s.received,
			resolved: s.resolved,
			pending: s.pending,
			withdrawn: s.withdrawn
		};
		return row.received.total + row.resolved.total + row.pending.total + row.withdrawn > 0
			? [row]
			: [];
	});
}

/** The report's late lists (queries/report-late.ts) from the stored dossiers: totals, flag counts, the first `limit` codes of each. */
export function referenceLate(
	store: Store,
	unit: string,
	from: string,
	to: string,
	now: Date,
	limit: number
) {
	const inScope = (u: string) => store.ancestors.get(u)?.includes(unit) ?? false;
	const E = Math.min(startOf(to) + 86400_000, now.getTime());
	const t = (iso: string | null) => (iso === null ? NaN : new Date(iso).getTime());
	const ds = store.dossiers.filter((d) => inScope(d.unit) && d.received);
	const byCode = (a: Row, b: Row) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
	const late = ds
		.filter((d) => {
			const r = day(d.resolved_at);
			return d.status === 'resolved' && d.outcome === 'overdue' && r! >= from && r! <= to;
		})
		.sort(
			(a, b) =>
				t(b.resolved_at) - t(b.first_due_at) - (t(a.resolved_at) - t(a.first_due_at)) ||
				byCode(a, b)
		);
	const open = ds
		.filter(
			(d) =>
				t(d.received_at) < E &&
				t(d.first_due_at) < E &&
				(d.status === 'pending' || t(d.finished_at) >= E)
		)
		.sort((a, b) => t(a.first_due_at) - t(b.first_due_at) || byCode(a, b));
	const flag = (f: string) =>
		[...late, ...open].filter((d) => (d.flags as string[]).includes(f)).length;
	return {
		resolvedLate: { total: late.length, codes: late.slice(0, limit).map((d) => d.code) },
		stillOverdue: { total: open.length, codes: open.slice(0, limit).map((d) => d.code) },
		flags: {
			phantomOverdue: flag('phantom_overdue'),
			noApology: flag('no_apology'),
			manySupplements: flag('many_supplements')
		}
	};
}
