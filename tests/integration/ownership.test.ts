/**
 * Whose dossier it is (docs/domain.md#ownership): a key can only change dossiers that
 * belong to a unit inside its scope — whatever unit its events name — and a
 * key scoped to the province may move a dossier between its districts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { jsonRows } from '../../src/lib/server/db/json-rows.ts';
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

const AT = '2024-05-06T09:00:00+07:00';
const PERIOD = 'from=2024-05-01&to=2024-05-31';

describe.each(BACKENDS)('dossier ownership on %s', (backend) => {
	let t: TestDb;
	let province: string;
	let d460: string;
	let d461: string;
	let read460: string;
	let read461: string;
	const summary = async (unit: string, token: string) =>
		(await request(t.app, 'GET', `/api/v1/summary?unit=${unit}&${PERIOD}`, { token })).json;
	const stored = async () =>
		jsonRows<number>(
			t.app.database,
			sql`select to_jsonb((select count(*) from events) * 1000 + (select count(*) from dossiers)) as j`
		).then((r) => Number(r[0]));

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		province = await key(t.app, 'ingest', '46');
		d460 = await key(t.app, 'ingest', '460');
		d461 = await key(t.app, 'ingest', '461');
		read460 = await key(t.app, 'read', '460');
		read461 = await key(t.app, 'read', '461');
		const r = await postBatch(t.app, d460, [
			received('o-1', '46001', 'OWN-1', AT),
			received('o-2', '46002', 'OWN-2', AT),
			{
				id: 'o-2-done',
				type: 'dossier.resolved',
				at: '2024-05-07T09:00:00+07:00',
				unit: '46002',
				dossier: 'OWN-2'
			},
			{
				id: 'f-1',
				type: 'feedback.received',
				at: AT,
				unit: '46001',
				feedback: 'PAKN-1',
				kind: 'conduct'
			}
		]);
		expect(r.status).toBe(200);
	});
	afterAll(() => t.drop());

	it("another district's key cannot resolve a dossier by naming its own unit: 403 at that index, nothing written", async () => {
		const before = await stored();
		const r = await postBatch(t.app, d461, [
			received('x-new', '46101', 'OWN-OTHER', AT),
			{
				id: 'x-1',
				type: 'dossier.resolved',
				at: '2024-05-07T09:00:00+07:00',
				unit: '46101',
				dossier: 'OWN-1'
			}
		]);
		expect(r.status).toBe(403);
		expect(r.json.errors).toEqual([
			{ index: 1, path: 'dossier', message: expect.stringMatching(/OWN-1.*46001.*outside/) }
		]);
		expect(await stored()).toBe(before);
		const s = await summary('460', read460);
		expect(s.resolved.total).toBe(1);
		expect(s.received.new).toBe(2);
	});

	it('nor move it away with a receipt under its own unit, nor rate, withdraw or resolve a PAKN item', async () => {
		const before = await stored();
		const r = await postBatch(t.app, d461, [
			received('x-2', '46101', 'OWN-1', '2024-05-06T10:00:00+07:00'),
			{
				id: 'x-3',
				type: 'dossier.rated',
				at: AT,
				unit: '46101',
				dossier: 'OWN-2',
				level: 'unsatisfied'
			},
			{ id: 'x-4', type: 'dossier.withdrawn', at: AT, unit: '46102', dossier: 'OWN-1' },
			{ id: 'x-5', type: 'feedback.resolved', at: AT, unit: '46101', feedback: 'PAKN-1' },
			{ id: 'x-6', type: 'dossier.rated', at: AT, unit: '46101', level: 'satisfied' }
		]);
		expect(r.status).toBe(403);
		expect(
			r.json.errors.map((e: { index: number; path: string }) => `${e.index}:${e.path}`)
		).toEqual(['0:dossier', '1:dossier', '2:dossier', '3:feedback']);
		expect(await stored()).toBe(before);
		expect((await request(t.app, 'GET', '/api/v1/dossiers/OWN-1', { token: read460 })).status).toBe(
			200
		);
		expect((await request(t.app, 'GET', '/api/v1/dossiers/OWN-1', { token: read461 })).status).toBe(
			404
		);
		expect((await summary('460', read460)).feedback).toEqual({ received: 1, resolved: 0 });
	});

	it('a dossier that exists nowhere yet belongs to whoever sends its first event', async () => {
		const r = await postBatch(t.app, d461, [
			{
				id: 'n-1',
				type: 'dossier.resolved',
				at: '2024-05-07T09:00:00+07:00',
				unit: '46101',
				dossier: 'OWN-3'
			},
			received('n-2', '46101', 'OWN-3', AT)
		]);
		expect(r.status).toBe(200);
		const late = await postBatch(t.app, d460, [
			{
				id: 'n-3',
				type: 'dossier.rated',
				at: AT,
				unit: '46001',
				dossier: 'OWN-3',
				level: 'satisfied'
			}
		]);
		expect(late.status).toBe(403);
	});

	it('resending a batch already accepted stays safe after the dossier moved (duplicates are not checked)', async () => {
		// The province moves OWN-2 from district 460 to 461 with a later receipt: allowed, its scope holds both.
		const move = await postBatch(t.app, province, [
			received('p-move', '46101', 'OWN-2', '2024-05-06T11:00:00+07:00')
		]);
		expect(move.status).toBe(200);
		expect((await request(t.app, 'GET', '/api/v1/dossiers/OWN-2', { token: read461 })).status).toBe(
			200
		);
		expect((await request(t.app, 'GET', '/api/v1/dossiers/OWN-2', { token: read460 })).status).toBe(
			404
		);
		expect((await summary('460', read460)).received.new).toBe(1);
		expect((await summary('461', read461)).received.new).toBe(2);
		// District 460's old batch again: all duplicates, 200, nothing changes.
		const again = await postBatch(t.app, d460, [received('o-2', '46002', 'OWN-2', AT)]);
		expect(again.status).toBe(200);
		expect(again.json).toMatchObject({ accepted: 0, duplicates: 1 });
		// But a new event of 460 for the moved dossier is refused now.
		const after = await postBatch(t.app, d460, [
			{
				id: 'o-2-ret',
				type: 'dossier.returned',
				at: '2024-05-08T09:00:00+07:00',
				unit: '46002',
				dossier: 'OWN-2'
			}
		]);
		expect(after.status).toBe(403);
	});

	it('the same checks hold after a rebuild re-derives the owners from the log', async () => {
		const { rebuild } = await import('../../src/lib/server/ingest/rebuild.ts');
		await rebuild(t.app.database);
		const r = await postBatch(t.app, d461, [
			{
				id: 'rb-1',
				type: 'dossier.returned',
				at: '2024-05-08T09:00:00+07:00',
				unit: '46101',
				dossier: 'OWN-1'
			}
		]);
		expect(r.status).toBe(403);
		const ok = await postBatch(t.app, d461, [
			{
				id: 'rb-2',
				type: 'dossier.returned',
				at: '2024-05-08T09:00:00+07:00',
				unit: '46101',
				dossier: 'OWN-2'
			}
		]);
		expect(ok.status).toBe(200);
	});
});
