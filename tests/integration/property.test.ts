/**
 * Property: any arrival order, with duplicates, gives the same figures — equal
 * to a from-scratch recomputation over the stored dossiers, to the figures of
 * the same events sent in order, and unchanged by `rebuild`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay, localDayStart } from '../../src/lib/domain/calendar/days.ts';
import { breakdowns } from '../../src/lib/server/queries/report-breakdown.ts';
import { lateDossiers } from '../../src/lib/server/queries/report-late.ts';
import { loadCalendar } from '../../src/lib/server/queries/calendar.ts';
import { scoreboards } from '../../src/lib/server/queries/scoreboard.ts';
import { getUnit } from '../../src/lib/server/queries/units.ts';
import { rebuild } from '../../src/lib/server/ingest/rebuild.ts';
import { importMergers } from '../../src/lib/server/units/mergers.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	request,
	type TestDb
} from './harness.ts';
import {
	loadStore,
	referenceBreakdown,
	referenceLate,
	referenceScoreboard,
	referenceSummary
} from './reference.ts';
import { mulberry32, randomStream, toBatches, type Ev } from './random-stream.ts';
import { TREE_CSV } from './units.fixture.ts';

const NOW = new Date('2024-03-15T10:30:00+07:00');
const SCOPES = ['46', '460', '461', '46001', '46103'];
const PERIODS: [string, string][] = [
	['2024-01-01', '2024-12-31'],
	['2024-02-01', '2024-02-29'],
	['2024-03-01', '2024-03-15'],
	['2024-01-15', '2024-01-15']
];

async function figures(t: TestDb, token: string) {
	const out: Record<string, unknown> = {};
	for (const unit of SCOPES)
		for (const [from, to] of PERIODS) {
			const r = await request(t.app, 'GET', `/api/v1/summary?unit=${unit}&from=${from}&to=${to}`, {
				token
			});
			expect(r.status).toBe(200);
			out[`${unit} ${from} ${to}`] = r.json;
		}
	return out;
}

async function send(t: TestDb, token: string, batches: Ev[][]) {
	for (const b of batches) {
		const r = await postBatch(t.app, token, b);
		expect(r.status, JSON.stringify(r.json).slice(0, 500)).toBe(200);
	}
}

describe.each(BACKENDS)('order-independence and recomputation on %s', (backend) => {
	const seeds = [11, 23];
	const apps: Record<string, TestDb> = {};
	beforeAll(async () => {
		for (const name of ['ordered', 'shuffled']) {
			const t = await createTestApp(backend);
			t.app.now = () => NOW;
			await importCsv(t.app, TREE_CSV);
			apps[name] = t;
		}
	});
	afterAll(async () => {
		for (const t of Object.values(apps)) await t.drop();
	});

	it.each(seeds)(
		'seed %i: shuffled+duplicated = in-order = from-scratch = rebuild',
		async (seed) => {
			const events = randomStream(seed, 400);
			const byTime = [...events].sort((a, b) => a.at.localeCompare(b.at));
			const rnd = mulberry32(seed * 7);
			const tokens: Record<string, { ingest: string; read: string }> = {};
			for (const [name, t] of Object.entries(apps)) {
				tokens[name] = {
					ingest: await key(t.app, 'ingest', '46', `src-${seed}`),
					read: await key(t.app, 'read', '46', `read-${seed}`)
				};
			}
			await send(apps.ordered, tokens.ordered.ingest, [byTime.slice(0, 900), byTime.slice(900)]);
			await send(apps.shuffled, tokens.shuffled.ingest, toBatches(events, rnd, 97, 0.15));

			const ordered = await figures(apps.ordered, tokens.ordered.read);
			const shuffled = await figures(apps.shuffled, tokens.shuffled.read);
			expect(shuffled).toEqual(ordered);

			const store = await loadStore(apps.shuffled.app);
			for (const unit of SCOPES)
				for (const [from, to] of PERIODS)
					expect(shuffled[`${unit} ${from} ${to}`]).toEqual(
						referenceSummary(store, unit, from, to, NOW)
					);
			// Dossiers with more than one supplement request exist, so the scoreboard's own counters are exercised.
			expect(store.dossiers.filter((d) => d.received && d.supplements > 1).length).toBeGreaterThan(
				0
			);

			// Something happened in every category, so the comparison means something.
			const year = shuffled[`46 2024-01-01 2024-12-31`] as any;
			for (const v of [
				year.received.new,
				year.received.postal,
				year.resolved.overdue,
				year.resolved.early,
				year.pending.total,
				year.withdrawn,
				year.rejected,
				year.apologies,
				year.ratings.unsatisfied,
				year.feedback.resolved,
				year.digitized.result
			])
				expect(v).toBeGreaterThan(0);

			const r = await rebuild(apps.shuffled.app.database);
			expect(r.dossiers).toBeGreaterThan(0);
			expect(await figures(apps.shuffled, tokens.shuffled.read)).toEqual(shuffled);
		}
	);

	/**
	 * The point-in-time figures (carried over, pending, pending overdue) come from running totals of day
	 * counters plus the rest of today (open-counts.ts): at random instants — inside a day, with events
	 * before and after them — they equal the from-scratch recomputation, for periods that end before
	 * the instant, at it and after it; again after unit mergers move whole subtrees; again after rebuild.
	 */
	it('at random instants, after mergers and after rebuild, the counters equal a from-scratch recomputation', async () => {
		const t = apps.shuffled;
		const token = await key(t.app, 'read', '46', 'read-instants');
		const rnd = mulberry32(99);
		const instants = Array.from(
			{ length: 6 },
			() =>
				new Date(
					Date.parse('2024-01-03T00:00:00+07:00') + Math.floor(rnd() * 130 * 24 * 60) * 60_000
				)
		);
		// And instants a minute before some dossier's receipt, finish or first appointment, so that each part of
		// "the rest of today" (received later, finished later, pending and falling due later) is exercised.
		const initial = await loadStore(t.app);
		const before = (iso: string | null) => (iso ? new Date(Date.parse(iso) - 60_000) : null);
		const pick = (rows: Record<string, any>[], at: string) =>
			rows.filter((d) => d[at] && localDay(before(d[at])!) === localDay(new Date(d[at])));
		const pendingDue = pick(
			initial.dossiers.filter((d) => d.status === 'pending' && d.received),
			'first_due_at'
		);
		const finished = pick(
			initial.dossiers.filter((d) => d.received),
			'finished_at'
		);
		const received = pick(initial.dossiers, 'received_at');
		expect(pendingDue.length).toBeGreaterThan(0);
		for (const [rows, at] of [
			[pendingDue, 'first_due_at'],
			[pendingDue.slice(1), 'first_due_at'],
			[finished, 'finished_at'],
			[received, 'received_at']
		] as const)
			if (rows.length > 0) instants.push(before(rows[Math.floor(rnd() * rows.length)][at])!);
		const flagsSeen: Record<string, number> = {};
		const check = async (label: string) => {
			const store = await loadStore(t.app);
			const calendar = await loadCalendar(t.app.database);
			for (const now of instants) {
				t.app.now = () => now;
				const today = localDay(now);
				const periods: [string, string][] = [
					[today, today],
					[`${today.slice(0, 8)}01`, today],
					[addDays(today, -30), addDays(today, 5)],
					[addDays(today, -1), addDays(today, -1)],
					[addDays(today, 1), addDays(today, 9)],
					['2024-01-01', '2024-12-31']
				];
				// Today's what-if of the scoreboard (counters.ts `dueSoon`): open now, at most one supplement
				// request, first appointment from now to midnight.
				const midnight = localDayStart(addDays(today, 1)).getTime();
				for (const unit of [...SCOPES, '46002']) {
					const u = (await getUnit(t.app.database, unit))!;
					const [score] = (await scoreboards(t.app.database, [u], today, today, now)).values();
					const expected = store.dossiers.filter((d) => {
						const due = d.first_due_at === null ? NaN : Date.parse(d.first_due_at);
						return (
							store.ancestors.get(d.unit)?.includes(unit) &&
							d.received &&
							d.channel !== null &&
							d.supplements <= 1 &&
							Date.parse(d.received_at) < now.getTime() &&
							(d.finished_at === null ||
								Math.max(Date.parse(d.finished_at), Date.parse(d.received_at)) >= now.getTime()) &&
							due >= now.getTime() &&
							due < midnight
						);
					}).length;
					expect(
						score.dueToday,
						`${label}: due before midnight ${unit} at ${now.toISOString()}`
					).toBe(expected);
				}
				for (const unit of [...SCOPES, '46002'])
					for (const [from, to] of periods) {
						const r = await request(
							t.app,
							'GET',
							`/api/v1/summary?unit=${unit}&from=${from}&to=${to}`,
							{ token }
						);
						expect(r.json, `${label}: ${unit} ${from}..${to} at ${now.toISOString()}`).toEqual(
							referenceSummary(store, unit, from, to, now)
						);
						const b = await request(
							t.app,
							'GET',
							`/api/v1/scoreboard?unit=${unit}&from=${from}&to=${to}`,
							{ token }
						);
						expect(
							b.json,
							`${label}: scoreboard ${unit} ${from}..${to} at ${now.toISOString()}`
						).toEqual(referenceScoreboard(store, unit, from, to, now));
						// The report's breakdowns (breakdown rollups below the unit, its own dossiers, the rest of today).
						const rows = await breakdowns(t.app.database, unit, from, to, now);
						for (const by of ['field', 'procedure'] as const)
							expect(
								rows[by].map(({ name: _, ...r }) => r),
								`${label}: breakdown by ${by} ${unit} ${from}..${to} at ${now.toISOString()}`
							).toEqual(referenceBreakdown(store, unit, from, to, now, by));
						// The late lists: totals and flags from counters, the resolved-late list read either way.
						for (const readAll of [0, Infinity]) {
							const late = await lateDossiers(t.app.database, unit, from, to, now, calendar, {
								limit: 7,
								readAllLate: readAll
							});
							expect(
								{
									resolvedLate: {
										total: late.resolvedLate.total,
										codes: late.resolvedLate.items.map((i) => i.dossier)
									},
									stillOverdue: {
										total: late.stillOverdue.total,
										codes: late.stillOverdue.items.map((i) => i.dossier)
									},
									flags: late.flags
								},
								`${label}: late lists ${unit} ${from}..${to} at ${now.toISOString()} (read all up to ${readAll})`
							).toEqual(referenceLate(store, unit, from, to, now, 7));
							for (const [k, n] of Object.entries(late.flags))
								flagsSeen[k] = (flagsSeen[k] ?? 0) + n;
						}
					}
			}
		};
		await check('as ingested');
		// Every flag of the late lists occurred, so their counts were compared.
		expect(Object.keys(flagsSeen).sort()).toEqual([
			'manySupplements',
			'noApology',
			'phantomOverdue'
		]);
		for (const n of Object.values(flagsSeen)) expect(n).toBeGreaterThan(0);
		// Mergers: 46001 into 46002 (a sibling) and 46103 into 46101 (another district's commune moves nothing up).
		const merged = await importMergers(
			t.app.database,
			'old_code,new_code,effective_date\n46001,46002,2024-02-01\n46103,46101,2024-03-01\n'
		);
		expect(merged.ok).toBe(true);
		await check('after mergers');
		await rebuild(t.app.database);
		await check('after rebuild');
		t.app.now = () => NOW;
	});
});
