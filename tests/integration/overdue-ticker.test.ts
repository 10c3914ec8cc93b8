/** The overdue ticker: announced once per dossier the moment its first dueAt passes, across restarts and processes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AcceptedBatch } from '../../src/lib/server/app.ts';
import { announceOverdue } from '../../src/lib/server/overdue/ticker.ts';
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

describe.each(BACKENDS)('overdue ticker on %s', (backend) => {
	let t: TestDb;
	let read: string;
	let clock = new Date('2024-05-10T16:00:00+07:00');
	const heard: AcceptedBatch[] = [];
	beforeAll(async () => {
		t = await createTestApp(backend);
		t.app.now = () => clock;
		t.app.accepted.add((b) => heard.push(b));
		await importCsv(t.app, TREE_CSV);
		const ingest = await key(t.app, 'ingest', '46');
		read = await key(t.app, 'read', '46');
		const r = await postBatch(t.app, ingest, [
			received('o1', '46001', 'OV-1', '2024-05-06T08:00:00+07:00', {
				dueAt: '2024-05-10T17:00:00+07:00'
			}),
			received('o2', '46002', 'OV-2', '2024-05-06T08:00:00+07:00', {
				dueAt: '2024-05-10T17:30:00+07:00'
			}),
			received('o3', '46003', 'OV-3', '2024-05-06T08:00:00+07:00', {
				dueAt: '2024-05-10T17:10:00+07:00'
			}),
			{
				id: 'o3r',
				type: 'dossier.resolved',
				at: '2024-05-09T08:00:00+07:00',
				unit: '46003',
				dossier: 'OV-3'
			},
			// rescheduled: still judged (and announced) on its FIRST dueAt
			{
				id: 'o1s',
				type: 'dossier.rescheduled',
				at: '2024-05-10T09:00:00+07:00',
				unit: '46001',
				dossier: 'OV-1',
				dueAt: '2024-05-20T17:00:00+07:00',
				apology: true
			}
		]);
		expect(r.status).toBe(200);
		heard.length = 0;
	});
	afterAll(() => t.drop());

	it('announces nothing before the due time, then each newly overdue pending dossier once, in due order', async () => {
		expect(await announceOverdue(t.app)).toEqual([]);
		clock = new Date('2024-05-10T17:00:00.001+07:00');
		const first = await announceOverdue(t.app);
		expect(first.map((i) => [i.type, i.dossier, i.unit, i.id])).toEqual([
			['dossier.overdue', 'OV-1', '46001', null]
		]);
		expect(heard.at(-1)!.items.map((i) => i.dossier)).toEqual(['OV-1']);
		expect(await announceOverdue(t.app)).toEqual([]);
		clock = new Date('2024-05-10T18:00:00+07:00');
		const second = await announceOverdue(t.app);
		expect(second.map((i) => i.dossier)).toEqual(['OV-2']); // OV-3 was resolved in time
		expect(second[0].seq).toBeGreaterThan(first[0].seq);
	});

	it('a second process on the same database never announces again; the feed lists the announcements', async () => {
		const other = createApp(t.app.database);
		other.now = () => new Date('2024-05-11T09:00:00+07:00');
		expect(await announceOverdue(other)).toEqual([]);
		const feed = await request(t.app, 'GET', '/api/v1/feed?unit=46', { token: read });
		const overdue = feed.json.items.filter((i: { type: string }) => i.type === 'dossier.overdue');
		expect(
			overdue.map((i: { dossier: string; unitName: string }) => `${i.dossier}@${i.unitName}`)
		).toEqual(['OV-2@Xã Bình', 'OV-1@Xã An']);
	});

	it('after a restart it catches up on what passed while down, but not on long-overdue history', async () => {
		const ingest = await key(t.app, 'ingest', '46', 'late-src');
		await postBatch(t.app, ingest, [
			received('o4', '46101', 'OV-4', '2024-05-06T08:00:00+07:00', {
				dueAt: '2024-05-12T08:00:00+07:00'
			}),
			received('o5', '46102', 'OV-5', '2024-03-01T08:00:00+07:00', {
				dueAt: '2024-03-05T08:00:00+07:00'
			})
		]);
		clock = new Date('2024-05-12T20:00:00+07:00');
		const restarted = createApp(t.app.database);
		restarted.now = () => clock;
		expect((await announceOverdue(restarted)).map((i) => i.dossier)).toEqual(['OV-4']);
	});
});
