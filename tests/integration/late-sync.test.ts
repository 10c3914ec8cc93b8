/**
 * `late_sync` through the real ingest, where acceptedAt is the database's own
 * clock: a dossier whose appointment passes while it is pending, then a
 * resolution dated before the appointment arrives — flagged, counted on the
 * anomaly panel, shown by the dossier API; a rebuild gives the same; and the
 * migration that flags dossiers stored before the flag existed agrees.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuild } from '../../src/lib/server/ingest/rebuild.ts';
import { anomalyCounts } from '../../src/lib/server/queries/anomalies.ts';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MIGRATION = readFileSync(
	new URL('../../drizzle/0006_late_sync_flag.sql', import.meta.url),
	'utf8'
);

describe.each(BACKENDS)('late sync on %s', (backend) => {
	let t: TestDb;
	let read: string;
	let ingest: string;
	const flagsOf = async (code: string) => {
		const r = await request(t.app, 'GET', `/api/v1/dossiers/${code}`, { token: read });
		expect(r.status, r.text).toBe(200);
		return r.json.flags as string[];
	};
	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		read = await key(t.app, 'read', '46');
		ingest = await key(t.app, 'ingest', '46');
	});
	afterAll(() => t.drop());

	it('a resolution dated before the appointment but arriving after it is flagged; one arriving in time is not', async () => {
		const now = Date.now();
		const due = new Date(now + 1500).toISOString();
		const before = new Date(now + 500).toISOString();
		const receivedAt = new Date(now - 3600_000).toISOString();
		expect(
			(
				await postBatch(t.app, ingest, [
					received('ls-1', '46001', 'LS-1', receivedAt, { dueAt: due }),
					received('ls-2', '46001', 'LS-2', receivedAt, { dueAt: due })
				])
			).status
		).toBe(200);
		// LS-2 is resolved and its result synced in time
		expect(
			(
				await postBatch(t.app, ingest, [
					{
						id: 'ls-2-k',
						type: 'dossier.resolved',
						at: new Date(now - 60_000).toISOString(),
						unit: '46001',
						dossier: 'LS-2'
					}
				])
			).status
		).toBe(200);
		await sleep(Math.max(0, new Date(due).getTime() - Date.now()) + 300);
		// LS-1's resolution, made before the appointment, reaches us after it
		expect(
			(
				await postBatch(t.app, ingest, [
					{ id: 'ls-1-k', type: 'dossier.resolved', at: before, unit: '46001', dossier: 'LS-1' }
				])
			).status
		).toBe(200);

		expect(await flagsOf('LS-1')).toEqual(['late_sync']);
		expect(await flagsOf('LS-2')).toEqual([]);
		const day = new Date(now - 3600_000 + 7 * 3600_000).toISOString().slice(0, 10); // the local day of the receipt
		expect((await anomalyCounts(t.app.database, '46', day, day)).late_sync).toBe(1);

		await rebuild(t.app.database);
		expect(await flagsOf('LS-1')).toEqual(['late_sync']);
		expect(await flagsOf('LS-2')).toEqual([]);
	});

	it('the migration flags the same dossiers when they were stored before the flag existed', async () => {
		const db = t.app.database;
		await db.rows(sql`update dossiers set flags = flags - 'late_sync'`);
		expect(await flagsOf('LS-1')).toEqual([]);
		const statements = MIGRATION.split('--> statement-breakpoint')
			.map((s) => s.replace(/^--.*$/gm, '').trim())
			.filter(Boolean);
		for (const s of statements) await db.rows(sql.raw(s));
		expect(await flagsOf('LS-1')).toEqual(['late_sync']);
		expect(await flagsOf('LS-2')).toEqual([]);
		// running it again changes nothing
		for (const s of statements) await db.rows(sql.raw(s));
		expect(await flagsOf('LS-1')).toEqual(['late_sync']);
	});
});
