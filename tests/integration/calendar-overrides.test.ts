/**
 * Calendar overrides: the server module (validation, list by year, replace,
 * remove, the merged view of a year), their effect on dossiers received
 * afterwards only, and `cli calendar …` as a real process on an empty DATA_DIR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { listAudit } from '../../src/lib/server/queries/audit.ts';
import {
	calendarOfYear,
	listOverrides,
	removeOverride,
	setOverride
} from '../../src/lib/server/calendar/overrides.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';
import { cliHarness } from './cli-harness.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	request,
	type TestDb
} from './harness.ts';
import { received, TREE_CSV } from './units.fixture.ts';

describe.each(BACKENDS)('calendar overrides module on %s', (backend) => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
	});
	afterAll(() => t.drop());

	it('refuses bad input with clear messages and writes nothing', async () => {
		await expect(setOverride(t.app.database, { day: '2025-02-30', kind: 'off' })).rejects.toThrow(
			/ngày có thật dạng YYYY-MM-DD.*2025-02-30/
		);
		await expect(
			setOverride(t.app.database, { day: '30/04/2025', kind: 'off' })
		).rejects.toBeInstanceOf(ZodError);
		await expect(
			setOverride(t.app.database, { day: '2025-05-05', kind: 'holiday' as 'off' })
		).rejects.toThrow(/off.*working/);
		await expect(
			setOverride(t.app.database, { day: '2025-05-05', kind: 'off', note: 'x'.repeat(201) })
		).rejects.toThrow(/200 ký tự/);
		await expect(
			setOverride(t.app.database, { day: '2025-05-05', kind: 'off', note: 'a\tb' })
		).rejects.toThrow(/tab/);
		await expect(setOverride(t.app.database, { day: '1999-12-31', kind: 'off' })).rejects.toThrow(
			/Năm phải từ 2000/
		);
		await expect(removeOverride(t.app.database, '2025-13-01')).rejects.toBeInstanceOf(ZodError);
		await expect(listOverrides(t.app.database, 1899)).rejects.toBeInstanceOf(ZodError);
		expect(await listOverrides(t.app.database)).toEqual([]);
	});

	it('sets, replaces, lists by year and removes', async () => {
		const a = await setOverride(t.app.database, {
			day: '2025-05-05',
			kind: 'off',
			note: 'Quyết định tỉnh'
		});
		expect(a.previous).toBeNull();
		expect(a.override).toMatchObject({ day: '2025-05-05', kind: 'off', note: 'Quyết định tỉnh' });
		await setOverride(t.app.database, { day: '2025-12-31', kind: 'off', note: '  ' });
		await setOverride(t.app.database, { day: '2026-01-03', kind: 'working' });
		const b = await setOverride(t.app.database, {
			day: '2025-05-05',
			kind: 'working',
			note: 'Đổi ý'
		});
		expect(b.previous).toMatchObject({ kind: 'off', note: 'Quyết định tỉnh' });
		expect((await listOverrides(t.app.database, 2025)).map((o) => [o.day, o.kind, o.note])).toEqual(
			[
				['2025-05-05', 'working', 'Đổi ý'],
				['2025-12-31', 'off', null]
			]
		);
		expect((await listOverrides(t.app.database, 2026)).map((o) => o.day)).toEqual(['2026-01-03']);
		expect((await listOverrides(t.app.database)).length).toBe(3);
		expect(await removeOverride(t.app.database, '2025-05-05')).toMatchObject({
			day: '2025-05-05',
			kind: 'working'
		});
		expect(await removeOverride(t.app.database, '2025-05-05')).toBeNull();
		expect((await listOverrides(t.app.database, 2025)).map((o) => o.day)).toEqual(['2025-12-31']);
		await removeOverride(t.app.database, '2025-12-31');
		await removeOverride(t.app.database, '2026-01-03');
	});

	it("merges the year's announced days with the overrides", async () => {
		// 2025 has an announced schedule: 2/5 swapped with Saturday 26/4.
		await setOverride(t.app.database, { day: '2025-04-26', kind: 'off', note: 'Không làm bù' });
		await setOverride(t.app.database, { day: '2025-06-02', kind: 'off', note: 'Nghỉ thêm' });
		const cal = await calendarOfYear(t.app.database, 2025);
		expect(cal.source).toMatch(/6150\/TB-LĐTBXH/);
		const on = (day: string) =>
			cal.days
				.filter((d) => d.day === day)
				.map((d) => [d.source, d.kind, d.overridden ?? null, d.working]);
		expect(on('2025-04-26')).toEqual([
			['announced', 'working', true, false],
			['override', 'off', null, false]
		]);
		expect(on('2025-06-02')).toEqual([['override', 'off', null, false]]);
		expect(on('2025-05-02')).toEqual([['announced', 'off', false, false]]);
		expect(cal.days.map((d) => d.day)).toEqual([...cal.days.map((d) => d.day)].sort());
		// A year without an announcement uses the Labour Code rules.
		const rules = await calendarOfYear(t.app.database, 2031);
		expect(rules.source).toBeNull();
		expect(rules.days.every((d) => d.source === 'rules' && d.kind === 'off')).toBe(true);
		expect(rules.days.map((d) => d.day)).toContain('2031-09-02');
		await removeOverride(t.app.database, '2025-04-26');
		await removeOverride(t.app.database, '2025-06-02');
	});

	it('applies to dossiers received afterwards; earlier dueAt never moves', async () => {
		const ingest = await key(t.app, 'ingest', '46');
		const read = await key(t.app, 'read', '46');
		// Monday 2 June 2025 09:00 + 2 working days → Wednesday 4 June 09:00.
		const at = '2025-06-02T09:00:00+07:00';
		const before = received('cal-1', '46001', 'CAL-1', at, { dueAt: undefined, processingDays: 2 });
		expect((await postBatch(t.app, ingest, [before])).status).toBe(200);
		const due = async (code: string) =>
			(await request(t.app, 'GET', `/api/v1/dossiers/${code}`, { token: read })).json
				.firstDueAt as string;
		expect(new Date(await due('CAL-1')).toISOString()).toBe(
			new Date('2025-06-04T09:00:00+07:00').toISOString()
		);
		// Tuesday 3 June becomes a day off: the same receipt is now due on Thursday.
		await setOverride(t.app.database, { day: '2025-06-03', kind: 'off' });
		const after = received('cal-2', '46001', 'CAL-2', at, { dueAt: undefined, processingDays: 2 });
		expect((await postBatch(t.app, ingest, [after])).status).toBe(200);
		expect(new Date(await due('CAL-2')).toISOString()).toBe(
			new Date('2025-06-05T09:00:00+07:00').toISOString()
		);
		expect(new Date(await due('CAL-1')).toISOString()).toBe(
			new Date('2025-06-04T09:00:00+07:00').toISOString()
		);
		// A make-up Saturday counts as a working day: Friday 6 June + 1 day → Saturday 7 June.
		await setOverride(t.app.database, { day: '2025-06-07', kind: 'working' });
		const sat = received('cal-3', '46001', 'CAL-3', '2025-06-06T10:00:00+07:00', {
			dueAt: undefined,
			processingDays: 1
		});
		expect((await postBatch(t.app, ingest, [sat])).status).toBe(200);
		expect(new Date(await due('CAL-3')).toISOString()).toBe(
			new Date('2025-06-07T10:00:00+07:00').toISOString()
		);
	});
});

describe.each(BACKENDS)('cli calendar on %s', (backend) => {
	const h = cliHarness(backend, 'mcl-cal-');
	const cli = (args: string[]) => h.cli(['calendar', ...args]);
	const lines = (out: string) =>
		out
			.split('\n')
			.filter(Boolean)
			.map((l) => l.split('\t'));
	afterAll(h.cleanup);

	it('lists the built-in days of a year, tab-separated, with their source', async () => {
		const r = await cli(['list', '--year', '2024']);
		expect(r.code).toBe(0);
		const rows = lines(r.out);
		expect(rows.every((c) => c.length === 5)).toBe(true);
		expect(rows.every((c) => c[2] === 'announced')).toBe(true);
		expect(rows).toContainEqual([
			'2024-02-08',
			'off',
			'announced',
			'Tết Nguyên đán',
			expect.stringMatching(/5015\/TB-LĐTBXH/)
		]);
		expect(rows).toContainEqual([
			'2024-05-04',
			'working',
			'announced',
			expect.stringContaining('Làm bù'),
			expect.any(String)
		]);
		const rules = lines((await cli(['list', '--year', '2032'])).out);
		expect(rules.length).toBeGreaterThan(8);
		expect(rules.every((c) => c[2] === 'rules' && c[1] === 'off')).toBe(true);
	});

	it('sets, lists, replaces and removes overrides, audited', async () => {
		const s = await cli(['set', '2024-12-30', 'off', '--note', 'Nghỉ cuối năm của tỉnh']);
		expect(s.code).toBe(0);
		expect(s.out).toMatch(
			/^set 2024-12-30 off \(Nghỉ cuối năm của tỉnh\); applies to dossiers received from now on\n$/
		);
		expect(lines((await cli(['list', '--year', '2024'])).out)).toContainEqual([
			'2024-12-30',
			'off',
			'override',
			'Ngày nghỉ bổ sung',
			'Nghỉ cuối năm của tỉnh'
		]);
		// Override an announced make-up Saturday: the built-in line is marked, the override follows it.
		expect((await cli(['set', '2024-05-04', 'off'])).code).toBe(0);
		const may = lines((await cli(['list', '--year', '2024'])).out).filter(
			(c) => c[0] === '2024-05-04'
		);
		expect(may.map((c) => [c[1], c[2]])).toEqual([
			['working', 'announced'],
			['off', 'override']
		]);
		expect(may[0][3]).toMatch(/thay đổi bởi ngày bổ sung/);
		const again = await cli(['set', '2024-12-30', 'working']);
		expect(again.out).toMatch(/^replaced 2024-12-30 working/);
		const rm = await cli(['remove', '2024-12-30']);
		expect(rm.code).toBe(0);
		expect(rm.out).toBe('removed 2024-12-30 working\n');
		expect((await cli(['list', '--year', '2024'])).out).not.toContain('2024-12-30');
		expect((await cli(['remove', '2024-05-04'])).code).toBe(0);

		const e = await h.env();
		const database = await openDatabase(
			e.DATABASE_URL ? { url: e.DATABASE_URL } : { dataDir: e.DATA_DIR }
		);
		try {
			const log = await listAudit(database, { action: 'calendar' });
			expect(log.map((a) => [a.actor, a.action, a.target])).toEqual([
				['cli', 'calendar.remove', '2024-05-04'],
				['cli', 'calendar.remove', '2024-12-30'],
				['cli', 'calendar.set', '2024-12-30'],
				['cli', 'calendar.set', '2024-05-04'],
				['cli', 'calendar.set', '2024-12-30']
			]);
			expect(log[2].detail).toMatchObject({
				kind: 'working',
				previous: { kind: 'off', note: 'Nghỉ cuối năm của tỉnh' }
			});
		} finally {
			await database.close();
		}
	});

	it('refuses bad input with exit 1 and changes nothing', async () => {
		const bad: [string[], RegExp][] = [
			[['set', '2024-02-30', 'off'], /ngày có thật/],
			[['set', '2024-03-01', 'holiday'], /"off".*"working"/],
			[['set', '2024-03-01'], /needs YYYY-MM-DD and off\|working/],
			[['list', '--year', 'abc'], /Năm phải là một số/],
			[['remove', '2024-03-01'], /no override on 2024-03-01/],
			[['frobnicate'], /unknown command "calendar frobnicate"/],
			[['set', '2024-03-01', 'off', '--bogus'], /bogus/]
		];
		for (const [args, message] of bad) {
			const r = await cli(args);
			expect(r.code, args.join(' ')).toBe(1);
			expect(r.err, args.join(' ')).toMatch(message);
			// The usage shown is the calendar group's, not the top-level list.
			expect(r.err, args.join(' ')).toMatch(/calendar set YYYY-MM-DD off\|working/);
			expect(r.err, args.join(' ')).not.toMatch(/units import FILE/);
		}
		expect(
			lines((await cli(['list', '--year', '2024'])).out).some((c) => c[2] === 'override')
		).toBe(false);
	});
});
