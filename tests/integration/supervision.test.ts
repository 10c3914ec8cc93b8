/**
 * Notes and reminders (supervision workflow): notes on units, dossiers and snapshots are plain text, scoped,
 * edited with their history kept; a reminder from the watch names dossiers of a unit of the scope, shows on
 * the watch ("đã nhắc …", the reminded filter), and the unit's reminded dossiers resolved since are counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/lib/server/queries/calendar.ts';
import { reminderEffectOf } from '../../src/lib/server/queries/reminders.ts';
import { loadWatch } from '../../src/routes/(app)/overdue/watch.server.ts';
import { parseState } from '../../src/routes/(app)/overdue/view.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	request,
	type TestDb,
	sessionFor
} from './harness.ts';
import { received, TREE_CSV } from './units.fixture.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const USER = {
	kind: 'user' as const,
	id: 'x',
	username: 'hdnd',
	role: 'supervisor' as const,
	scopeCode: '46',
	sessionId: 's'
};
function stateOf(q: string) {
	const r = parseState(new URLSearchParams(q));
	if (!r.ok) throw new Error(r.error);
	return r.state;
}
const DAY = 86_400_000;

describe.each(BACKENDS)('notes and reminders on %s', (backend) => {
	let t: TestDb;
	let ingest: string;
	let read: string;
	let hdnd: string;
	let huyen: string;
	let admin: string;
	const session = (username: string, role: 'admin' | 'supervisor' | 'unit', scopeCode: string) =>
		sessionFor(t.app, username, role, scopeCode);
	const note = (s: string, body: unknown) =>
		request(t.app, 'POST', '/api/v1/notes', { session: s, body });

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		ingest = await key(t.app, 'ingest', '46');
		read = await key(t.app, 'read', '46');
		hdnd = await session('hdnd', 'supervisor', '46');
		huyen = await session('huyenhai', 'unit', '461');
		admin = await session('quantri', 'admin', '46');
		const now = Date.now();
		expect(
			(
				await postBatch(t.app, ingest, [
					received('n-1', '46001', 'N-1', iso(now - 10 * DAY), { dueAt: iso(now - 3 * DAY) }),
					received('n-2', '46001', 'N-2', iso(now - 10 * DAY), { dueAt: iso(now - 2 * DAY) }),
					received('n-3', '46002', 'N-3', iso(now - 10 * DAY), { dueAt: iso(now - 2 * DAY) })
				])
			).status
		).toBe(200);
	});
	afterAll(() => t.drop());

	it('notes: plain text kept as written (a <script> stays text), scoped like the thing, edited with history', async () => {
		const r = await note(hdnd, {
			kind: 'dossier',
			target: 'N-1',
			text: 'Đã gọi điện <script>alert(1)</script>'
		});
		expect(r.status).toBe(201);
		expect(r.json).toMatchObject({
			kind: 'dossier',
			target: 'N-1',
			unit: '46001',
			author: 'hdnd',
			text: 'Đã gọi điện <script>alert(1)</script>'
		});
		const list = await request(t.app, 'GET', '/api/v1/notes?kind=dossier&target=N-1', {
			session: hdnd
		});
		expect(list.json.items).toHaveLength(1);
		// 461's user cannot read or write notes on 460's dossier; keys cannot at all.
		expect(
			(await request(t.app, 'GET', '/api/v1/notes?kind=dossier&target=N-1', { session: huyen }))
				.status
		).toBe(404);
		expect((await note(huyen, { kind: 'dossier', target: 'N-1', text: 'x' })).status).toBe(404);
		expect(
			(await request(t.app, 'GET', '/api/v1/notes?kind=unit&target=46', { token: read })).status
		).toBe(403);
		for (const bad of [
			{ kind: 'unit', target: '46', text: '' },
			{ kind: 'unit', target: '46', text: 'a\u0000' },
			{ kind: 'unit', target: '46', text: 'x'.repeat(1001) },
			{ kind: 'event', target: '46', text: 'x' }
		])
			expect((await note(hdnd, bad)).status, JSON.stringify(bad).slice(0, 80)).toBe(400);
		// Only the author (or an admin) edits; the old text goes to the history.
		expect(
			(
				await request(t.app, 'PATCH', `/api/v1/notes/${r.json.id}`, {
					session: admin,
					body: { text: 'Đã gọi điện, hẹn thứ Sáu' }
				})
			).status
		).toBe(200);
		const other = await session('giamsat2', 'supervisor', '46');
		expect(
			(
				await request(t.app, 'PATCH', `/api/v1/notes/${r.json.id}`, {
					session: other,
					body: { text: 'sửa' }
				})
			).status
		).toBe(403);
		const edited = (
			await request(t.app, 'GET', '/api/v1/notes?kind=dossier&target=N-1', { session: hdnd })
		).json.items[0];
		expect(edited).toMatchObject({ text: 'Đã gọi điện, hẹn thứ Sáu', editedBy: 'quantri' });
		expect(edited.history).toEqual([
			{ text: 'Đã gọi điện <script>alert(1)</script>', by: 'hdnd', at: expect.any(String) }
		]);
	});

	it('a reminder about selected dossiers shows on the watch, filters it, and counts what was resolved since', async () => {
		const before = (await loadWatch(t.app, USER, stateOf('unit=460'))).items;
		expect(before.every((i) => i.remindedAt === null)).toBe(true);
		const r = await request(t.app, 'POST', '/api/v1/reminders', {
			session: hdnd,
			body: {
				unit: '460',
				channel: 'document',
				reference: '123/UBND-KSTT',
				text: 'Đề nghị giải quyết',
				dossiers: ['N-1', 'N-3']
			}
		});
		expect(r.status).toBe(201);
		expect(r.json).toMatchObject({ id: expect.stringMatching(/^rem_/), dossiers: 2 });
		const watch = async (q: string) => (await loadWatch(t.app, USER, stateOf(q))).items;
		expect((await watch('unit=460&reminded=yes')).map((i) => i.dossier).sort()).toEqual([
			'N-1',
			'N-3'
		]);
		expect((await watch('unit=460&reminded=no')).map((i) => i.dossier)).toEqual(['N-2']);
		expect((await watch('unit=460')).find((i) => i.dossier === 'N-1')?.notes).toBe(1);
		const doc = await request(t.app, 'GET', `/api/v1/reminders/${r.json.id}`, { session: hdnd });
		expect(doc.json).toMatchObject({
			unit: '460',
			channel: 'document',
			reference: '123/UBND-KSTT',
			author: 'hdnd'
		});
		expect(doc.json.dossiers.map((d: { dossier: string; daysLate: number }) => d.dossier)).toEqual([
			'N-1',
			'N-3'
		]);
		expect(doc.json.dossiers[0].daysLate).toBeGreaterThanOrEqual(1);
		const xlsx = await request(t.app, 'GET', `/api/v1/reminders/${r.json.id}?format=xlsx`, {
			session: hdnd
		});
		expect(xlsx.bytes.slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
		// The whole overdue list of a unit; refused outside the scope, for dossiers of another unit, and for keys.
		expect(
			(
				await request(t.app, 'POST', '/api/v1/reminders', {
					session: hdnd,
					body: { unit: '46002', channel: 'phone', text: 'Nhắc', dossiers: 'overdue' }
				})
			).json.dossiers
		).toBe(1);
		expect(
			(
				await request(t.app, 'POST', '/api/v1/reminders', {
					session: huyen,
					body: { unit: '460', channel: 'phone', text: 'x', dossiers: ['N-1'] }
				})
			).status
		).toBe(403);
		expect(
			(
				await request(t.app, 'POST', '/api/v1/reminders', {
					session: hdnd,
					body: { unit: '46002', channel: 'phone', text: 'x', dossiers: ['N-1'] }
				})
			).status
		).toBe(400);
		expect(
			(
				await request(t.app, 'POST', '/api/v1/reminders', {
					token: read,
					body: { unit: '460', channel: 'phone', text: 'x', dossiers: ['N-1'] }
				})
			).status
		).toBe(403);
		expect(
			(
				await request(t.app, 'POST', '/api/v1/reminders', {
					session: hdnd,
					body: { unit: '460', channel: 'fax', text: 'x', dossiers: ['N-1'] }
				})
			).status
		).toBe(400);
		// N-1 is resolved after the reminder: one of the reminded dossiers, resolved since.
		expect(
			(
				await postBatch(t.app, ingest, [
					{
						id: 'n-1s',
						type: 'dossier.resolved',
						at: iso(Date.now() + 60_000),
						unit: '46001',
						dossier: 'N-1'
					}
				])
			).status
		).toBe(200);
		const effect = await reminderEffectOf(
			t.app.database,
			'460',
			await loadCalendar(t.app.database)
		);
		expect(effect).toMatchObject({ reminded: 2, resolvedSince: 1 });
		expect(effect.medianWorkingDays).not.toBeNull();
	});
});
