/**
 * The /reports page's data, from its server-side loader, against the public
 * API for the same unit and period: the II.06a rows and the by-field rows add
 * up to GET /api/v1/summary, the by-procedure rows too, the late lists count
 * resolved.overdue and pending.overdue, the narrative quotes the summary, the
 * request is validated against the user's scope, and merger notes come from
 * unit_mergers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakdown, sumRows } from '../../src/lib/server/queries/report-breakdown.ts';
import { mergerNotes } from '../../src/lib/server/queries/merger-notes.ts';
import { reportPage, resolveReportRequest } from '../../src/lib/server/queries/report-page.ts';
import { attributions } from '../../src/lib/server/queries/attribution.ts';
import { getUnit } from '../../src/lib/server/queries/units.ts';
import { importMergers } from '../../src/lib/server/units/mergers.ts';
import { viInt, viPct } from '../../src/lib/domain/report/narrative.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	request,
	type TestDb
} from './harness.ts';
import { mulberry32, randomStream, toBatches } from './random-stream.ts';
import { received, TREE_CSV } from './units.fixture.ts';

const FORM = (f: { received: object; resolved: object; pending: object; withdrawn: number }) => ({
	received: f.received,
	resolved: f.resolved,
	pending: f.pending,
	withdrawn: f.withdrawn
});

describe.each(BACKENDS)('report page data on %s', (backend) => {
	let t: TestDb;
	let read: string;
	const api = async (unit: string, from: string, to: string) => {
		const r = await request(t.app, 'GET', `/api/v1/summary?unit=${unit}&from=${from}&to=${to}`, {
			token: read
		});
		expect(r.status, r.text).toBe(200);
		return r.json;
	};
	const load = async (params: string, scope = '46') => {
		const r = await resolveReportRequest(t.app, scope, new URLSearchParams(params));
		if (!r.ok) throw new Error(`${r.error.status} ${r.error.message}`);
		return reportPage(t.app, r.value.unit, r.value.choice, scope);
	};

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		read = await key(t.app, 'read', '46');
		const ingest = await key(t.app, 'ingest', '46');
		const events = randomStream(11, 700, '2024-01-01T00:00:00+07:00', 120);
		for (const batch of toBatches(events, mulberry32(5), 900, 0.05)) {
			const r = await postBatch(t.app, ingest, batch);
			expect(r.status, r.text.slice(0, 300)).toBe(200);
		}
	}, 240_000);
	afterAll(() => t?.drop());

	const CASES: [string, string][] = [
		['46', 'p=month&from=2024-02-10'],
		['46', 'p=reporting&from=2024-03-20'],
		['460', 'p=quarter&from=2024-01-05'],
		['46101', 'p=custom&from=2024-02-03&to=2024-04-11'],
		['46', 'p=year&from=2024-06-01']
	];

	it.each(CASES)(
		'unit %s, %s: the overdue attribution equals attributions() for the unit and each child',
		async (unit, params) => {
			const data = await load(`unit=${unit}&${params}`);
			const u = (await getUnit(t.app.database, unit))!;
			const kids = data.table.rows
				.filter((r) => !r.own)
				.map((r) => ({ code: r.unit, depth: u.depth + 1 }));
			const expected = await attributions(
				t.app.database,
				[u, ...kids],
				data.range.from,
				data.range.to,
				t.app.now()
			);
			expect(data.attribution.total).toEqual(expected.get(unit));
			for (const c of data.attribution.children) expect(c).toMatchObject(expected.get(c.unit)!);
			expect(data.attribution.children.length).toBe(
				kids.filter((k) => expected.get(k.code)!.judged > 0).length
			);
		}
	);

	it.each(CASES)(
		'unit %s, %s: by-child, by-field and by-procedure totals equal the summary API',
		async (unit, params) => {
			const data = await load(`unit=${unit}&${params}`);
			const s = await api(unit, data.range.from, data.range.to);
			// The figures themselves are not trivial in most cases.
			if (unit === '46' && data.kind !== 'year') expect(s.received.new).toBeGreaterThan(50);
			expect(FORM(data.table.total)).toEqual(FORM(s));
			expect(FORM(sumRows(data.table.rows))).toEqual(FORM(s));
			expect(FORM(data.byField.total)).toEqual(FORM(s));
			expect(FORM(sumRows(data.byField.rows))).toEqual(FORM(s));
			const procedures = await breakdown(
				t.app.database,
				unit,
				data.range.from,
				data.range.to,
				t.app.now(),
				'procedure'
			);
			expect(FORM(sumRows(procedures))).toEqual(FORM(s));
			expect(data.procedures.length).toBeLessThanOrEqual(10);
			for (let i = 1; i < data.procedures.length; i++)
				expect(data.procedures[i - 1].received.new).toBeGreaterThanOrEqual(
					data.procedures[i].received.new
				);
			// The whole summary on the page is the API's.
			expect(data.summary).toEqual(s);
		}
	);

	it.each(CASES)(
		'unit %s, %s: late lists count resolved.overdue and pending.overdue; flags are counted among them',
		async (unit, params) => {
			const data = await load(`unit=${unit}&${params}`);
			const s = await api(unit, data.range.from, data.range.to);
			expect(data.late.resolvedLate.total).toBe(s.resolved.overdue);
			expect(data.late.stillOverdue.total).toBe(s.pending.overdue);
			expect(data.late.resolvedLate.items.length).toBe(Math.min(500, s.resolved.overdue));
			expect(data.late.stillOverdue.items.length).toBe(Math.min(500, s.pending.overdue));
			const items = [...data.late.resolvedLate.items, ...data.late.stillOverdue.items];
			expect(data.late.flags.noApology).toBe(
				items.filter((i) => i.flags.includes('no_apology')).length
			);
			expect(data.late.flags.phantomOverdue).toBe(
				items.filter((i) => i.flags.includes('phantom_overdue')).length
			);
			// In the lists' orders: the latest first (then by code); the longest overdue first (then by code).
			const lateness = (i: (typeof items)[number]) =>
				Date.parse(i.resolvedAt!) - Date.parse(i.firstDueAt);
			const byLateness = [...data.late.resolvedLate.items].sort(
				(a, b) => lateness(b) - lateness(a) || (a.dossier < b.dossier ? -1 : 1)
			);
			expect(data.late.resolvedLate.items.map((i) => i.dossier)).toEqual(
				byLateness.map((i) => i.dossier)
			);
			const byDue = [...data.late.stillOverdue.items].sort(
				(a, b) =>
					Date.parse(a.firstDueAt) - Date.parse(b.firstDueAt) || (a.dossier < b.dossier ? -1 : 1)
			);
			expect(data.late.stillOverdue.items.map((i) => i.dossier)).toEqual(
				byDue.map((i) => i.dossier)
			);
			for (const i of data.late.resolvedLate.items) {
				expect(
					i.resolvedAt! >= i.firstDueAt || new Date(i.resolvedAt!) > new Date(i.firstDueAt)
				).toBe(true);
				expect(i.workingDaysLate).toBeGreaterThanOrEqual(0);
				expect(i.workingDaysLate).toBeLessThanOrEqual(i.calendarDaysLate);
			}
		}
	);

	it.each(CASES)(
		'unit %s, %s: online dossiers by where they were rated add up to the summary',
		async (unit, params) => {
			const data = await load(`unit=${unit}&${params}`);
			const s = await api(unit, data.range.from, data.range.to);
			const { rows, total } = data.onlineRatings;
			expect(total.online).toBe(s.received.online);
			for (const k of ['online', 'ratedOnline', 'ratedAtCounter', 'ratedQr', 'unrated'] as const)
				expect(rows.reduce((n, r) => n + r[k], 0)).toBe(total[k]);
			// every rating in the stream says where it was given
			for (const r of rows)
				expect(r.ratedOnline + r.ratedAtCounter + r.ratedQr + r.unrated).toBe(r.online);
		}
	);

	it("online dossiers rated at the counter mark the unit (filed on the citizen's behalf)", async () => {
		const ingest = await key(t.app, 'ingest', '46');
		const at = (d: number) => `2026-03-${String(d).padStart(2, '0')}T09:00:00+07:00`;
		const rated = (n: number, dossier: string, via: string | null) => ({
			id: `or-${n}-v`,
			type: 'dossier.rated',
			at: at(n + 1),
			unit: '46101',
			dossier,
			level: 'satisfied',
			...(via ? { via } : {})
		});
		const events: unknown[] = [];
		['kiosk', 'kiosk', 'paper', 'online', 'qr', null].forEach((via, n) => {
			events.push(
				received(`or-${n}`, '46101', `OR-${n}`, at(n + 1), { dueAt: '2026-03-31T17:00:00+07:00' })
			);
			if (via) events.push(rated(n, `OR-${n}`, via));
		});
		// a direct dossier rated at the kiosk is not an online one
		events.push(
			received('or-d', '46102', 'OR-D', at(3), {
				channel: 'direct',
				dueAt: '2026-03-31T17:00:00+07:00'
			}),
			rated(9, 'OR-D', 'kiosk')
		);
		// a later rating replaces the earlier one: this dossier ends up rated online
		events.push(
			received('or-7', '46102', 'OR-7', at(4), { dueAt: '2026-03-31T17:00:00+07:00' }),
			rated(7, 'OR-7', 'kiosk'),
			{ ...rated(8, 'OR-7', 'online'), id: 'or-7-v2' }
		);
		expect((await postBatch(t.app, ingest, events)).status).toBe(200);
		const data = await load('unit=461&p=month&from=2026-03-01');
		const byCode = Object.fromEntries(data.onlineRatings.rows.map((r) => [r.code, r]));
		expect(byCode['46101']).toMatchObject({
			online: 6,
			ratedOnline: 1,
			ratedAtCounter: 3,
			ratedQr: 1,
			unrated: 1
		});
		expect(byCode['46102']).toMatchObject({
			online: 1,
			ratedOnline: 1,
			ratedAtCounter: 0,
			ratedQr: 0,
			unrated: 0
		});
		expect(data.onlineRatings.rows[0].code).toBe('46101'); // signalled first: 3 of 5 rated at the counter
		expect(data.onlineRatings.total).toEqual({
			online: 7,
			ratedOnline: 2,
			ratedAtCounter: 3,
			ratedQr: 1,
			unrated: 1
		});
		expect(data.onlineRatings.total.online).toBe(
			(await api('461', '2026-03-01', '2026-03-31')).received.online
		);
	});

	it('some late dossiers and flags exist in the stream, so the checks above bite', async () => {
		const data = await load('unit=46&p=custom&from=2024-01-01&to=2024-06-30');
		expect(data.late.resolvedLate.total).toBeGreaterThan(5);
		expect(data.late.flags.noApology).toBeGreaterThan(0);
		const mid = await load('unit=46&p=custom&from=2024-01-01&to=2024-02-15');
		expect(mid.late.stillOverdue.total).toBeGreaterThan(0);
		// Both parts of the list: still pending, and finished only after the end of the period.
		expect(mid.late.stillOverdue.items.some((i) => i.resolvedAt === null)).toBe(true);
		expect(mid.late.stillOverdue.items.some((i) => i.resolvedAt !== null)).toBe(true);
	});

	it('the narrative quotes the summary in vi-VN formats', async () => {
		const data = await load('unit=46&p=quarter&from=2024-02-01');
		const s = data.summary;
		expect(data.narrative).toContain(`Tổng số hồ sơ tiếp nhận: ${viInt(s.received.total)} hồ sơ`);
		expect(data.narrative).toContain(
			`trực tuyến ${viInt(s.received.online)} hồ sơ (chiếm ${viPct(s.received.online / s.received.new)})`
		);
		expect(data.narrative).toContain(`Đã giải quyết ${viInt(s.resolved.total)} hồ sơ`);
		expect(data.narrative).toContain(`tỷ lệ giải quyết đúng hạn ${viPct(s.rates.onTime!)}`);
	});

	it('compares with the previous period and the same period last year', async () => {
		const data = await load('unit=46&p=month&from=2024-03-01');
		expect(data.prev).toEqual({ from: '2024-02-01', to: '2024-02-29' });
		expect(data.lastYear).toEqual({ from: '2023-03-01', to: '2023-03-31' });
		const feb = await api('46', '2024-02-01', '2024-02-29');
		const row = data.comparison.find((r) => r.key === 'receivedNew')!;
		expect(row.previous).toBe(feb.received.new);
		expect(row.vsPrevious.diff).toBe(data.summary.received.new - feb.received.new);
		expect(row.lastYear).toBe(0);
		const onTime = data.comparison.find((r) => r.key === 'onTimeRate')!;
		expect(onTime.nNow).toBe(data.summary.resolved.total);
	});

	it('with "now" inside the period, pending is counted at now, like the API', async () => {
		const real = t.app.now;
		t.app.now = () => new Date('2024-03-10T12:00:00+07:00');
		try {
			const data = await load('unit=46&p=month&from=2024-03-01');
			const s = await api('46', '2024-03-01', '2024-03-31');
			expect(FORM(data.byField.total)).toEqual(FORM(s));
			expect(data.late.stillOverdue.total).toBe(s.pending.overdue);
			expect(data.today).toBe('2024-03-10');
		} finally {
			t.app.now = real;
		}
	});

	it('validates the request: default unit is the scope, 403 outside it, 404 unknown, 400 bad period', async () => {
		const ok = await resolveReportRequest(
			t.app,
			'460',
			new URLSearchParams('p=year&from=2024-01-01')
		);
		expect(ok.ok && ok.value.unit.code).toBe('460');
		const data = await load('p=year&from=2024-01-01', '460');
		expect(data.path.map((p) => p.code)).toEqual(['460']);
		const child = await load('unit=46001&p=year&from=2024-01-01', '460');
		expect(child.path.map((p) => p.code)).toEqual(['460', '46001']);
		const outside = await resolveReportRequest(t.app, '460', new URLSearchParams('unit=46101'));
		expect(outside).toMatchObject({ ok: false, error: { status: 403 } });
		expect(
			await resolveReportRequest(t.app, '46', new URLSearchParams('unit=99999'))
		).toMatchObject({ ok: false, error: { status: 404 } });
		expect(await resolveReportRequest(t.app, '46', new URLSearchParams('p=week'))).toMatchObject({
			ok: false,
			error: { status: 400 }
		});
		expect(
			await resolveReportRequest(t.app, '46', new URLSearchParams('p=custom&from=2024-03-01'))
		).toMatchObject({ ok: false, error: { status: 400 } });
		expect(
			await resolveReportRequest(
				t.app,
				'46',
				new URLSearchParams('p=custom&from=2024-03-01&to=2024-02-01')
			)
		).toMatchObject({ ok: false, error: { status: 400 } });
	});

	// Last: it changes the tree.
	it('merger notes list the predecessors merged after the start of the period; the figures still reconcile', async () => {
		expect(await mergerNotes(t.app.database, '46001', '2024-01-01')).toEqual({
			predecessors: [],
			mergedInto: null
		});
		const r = await importMergers(
			t.app.database,
			'old_code,new_code,effective_date\n46003,46001,2024-03-01\n'
		);
		expect(r.ok).toBe(true);
		expect((await mergerNotes(t.app.database, '46001', '2024-01-01')).predecessors).toEqual([
			{ oldCode: '46003', oldName: 'Phường Cát', effectiveDate: '2024-03-01' }
		]);
		expect((await mergerNotes(t.app.database, '46001', '2024-03-01')).predecessors).toEqual([]);
		expect((await mergerNotes(t.app.database, '46003', '2024-01-01')).mergedInto).toEqual({
			code: '46001',
			name: 'Xã An',
			effectiveDate: '2024-03-01'
		});
		expect((await load('unit=46003&p=quarter&from=2024-01-01')).mergedInto?.code).toBe('46001');
		const data = await load('unit=46001&p=quarter&from=2024-01-01');
		expect(data.mergers).toEqual([
			{ oldCode: '46003', oldName: 'Phường Cát', effectiveDate: '2024-03-01' }
		]);
		const s = await api('46001', data.range.from, data.range.to);
		expect(FORM(data.byField.total)).toEqual(FORM(s));
		expect(data.table.rows.map((r) => r.unit)).toContain('46003');
	});
});
