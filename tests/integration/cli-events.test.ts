/**
 * `cli events import` (docs/api.md#command-line) as a real process: the rules of §3 line by
 * line (a bad line is reported with its number and nothing is written),
 * idempotent (a second import finds only duplicates; gzip and stdin too),
 * resumable after Ctrl-C without doubling, and the key's scope and dossier
 * ownership enforced.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness, root } from './cli-harness.ts';
import { BACKENDS } from './harness.ts';
import { received, TREE_CSV } from './units.fixture.ts';

const at = (d: number, h = 9) =>
	`2024-05-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00+07:00`;

/** n dossiers of district 460, each received, most resolved, some rated; plus a PAKN item. */
function history(n: number, prefix = 'H'): Record<string, unknown>[] {
	const out: Record<string, unknown>[] = [];
	const units = ['46001', '46002', '46003'];
	for (let i = 0; i < n; i++) {
		const unit = units[i % 3];
		const dossier = `${prefix}-${i}`;
		out.push(
			received(`${dossier}-r`, unit, dossier, at(1 + (i % 20)), { dueAt: at(5 + (i % 20), 17) })
		);
		if (i % 4 !== 0)
			out.push({
				id: `${dossier}-s`,
				type: 'dossier.resolved',
				at: at(2 + (i % 20), 15),
				unit,
				dossier
			});
		if (i % 5 === 0)
			out.push({
				id: `${dossier}-v`,
				type: 'dossier.rated',
				at: at(3 + (i % 20)),
				unit,
				dossier,
				level: 'satisfied'
			});
	}
	out.push({
		id: `${prefix}-f`,
		type: 'feedback.received',
		at: at(4),
		unit: '46001',
		feedback: `${prefix}-F`,
		kind: 'conduct'
	});
	return out;
}
const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

describe.each(BACKENDS)('cli events import on %s', (backend) => {
	const { dir, cli, env, cleanup } = cliHarness(backend, 'mcl-cli-events-');
	const events = history(300);
	const file = join(dir, 'history.ndjson');
	const count = async () => Number(/from (\d+) events/.exec((await cli(['rebuild'])).last)?.[1]);

	beforeAll(async () => {
		const units = join(dir, 'units.csv');
		writeFileSync(units, TREE_CSV);
		expect((await cli(['units', 'import', units])).code).toBe(0);
		expect(
			(await cli(['keys', 'create', '--name', 'history', '--scope', '460', '--role', 'ingest']))
				.code
		).toBe(0);
		expect(
			(await cli(['keys', 'create', '--name', 'other', '--scope', '461', '--role', 'ingest'])).code
		).toBe(0);
		expect(
			(await cli(['keys', 'create', '--name', 'reader', '--scope', '46', '--role', 'read'])).code
		).toBe(0);
		writeFileSync(file, ndjson(events));
	});
	afterAll(cleanup);

	it('refuses a file with bad lines, naming each line, and writes nothing', async () => {
		const bad = join(dir, 'bad.ndjson');
		const lines = ndjson(events.slice(0, 10)).split('\n');
		lines.splice(2, 0, '{"id": "broken"');
		lines.splice(
			4,
			0,
			JSON.stringify({ ...received('x-nul', '46001', 'X-NUL', at(3)), procedureName: 'a\u0000b' })
		);
		lines.splice(6, 0, JSON.stringify(received('x-out', '46101', 'X-OUT', at(3))));
		lines.splice(
			7,
			0,
			JSON.stringify({
				...received('x-day', '46001', 'X-DAY', at(3)),
				at: '2025-02-29T09:00:00+07:00'
			})
		);
		writeFileSync(bad, lines.join('\n'));
		const r = await cli(['events', 'import', bad, '--key-name', 'history']);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/bad\.ndjson:3: invalid JSON/);
		expect(r.err).toMatch(/bad\.ndjson:5: procedureName: must not contain NUL/);
		expect(r.err).toMatch(/bad\.ndjson:7: unit: unit "46101" is outside this key's scope \(460\)/);
		expect(r.err).toMatch(/bad\.ndjson:8: at: 2025-02-29 is not a calendar date/);
		expect(r.err).toMatch(/nothing imported: 4 error\(s\)/);
		expect(await count()).toBe(0);
	});

	it('needs an ingest key by name', async () => {
		expect((await cli(['events', 'import', file])).err).toMatch(/--key-name is required/);
		expect((await cli(['events', 'import', file, '--key-name', 'nobody'])).err).toMatch(
			/no active key named "nobody"/
		);
		expect((await cli(['events', 'import', file, '--key-name', 'reader'])).err).toMatch(
			/needs an ingest key/
		);
		expect(await count()).toBe(0);
	});

	it('imports the file, then finds only duplicates in it again, gzip and stdin alike', async () => {
		const first = await cli(['events', 'import', file, '--key-name', 'history', '--batch', '100']);
		expect(first.code, first.err).toBe(0);
		expect(first.last).toBe(`imported ${events.length} events (0 duplicates)`);
		expect(await count()).toBe(events.length);
		expect((await cli(['events', 'import', file, '--key-name', 'history'])).last).toBe(
			`imported 0 events (${events.length} duplicates)`
		);
		const gz = join(dir, 'history.ndjson.gz');
		writeFileSync(gz, gzipSync(ndjson(events)));
		expect((await cli(['events', 'import', gz, '--key-name', 'history'])).last).toBe(
			`imported 0 events (${events.length} duplicates)`
		);
		const e = { ...process.env, ...(await env()) };
		if (backend === 'pglite') delete e.DATABASE_URL;
		const stdin = spawnSync(
			process.execPath,
			[join(root, 'src/cli/main.ts'), 'events', 'import', '-', '--key-name', 'history'],
			{ env: e, input: gzipSync(ndjson(events)), encoding: 'utf8', cwd: root }
		);
		expect(stdin.status, stdin.stderr).toBe(0);
		expect(stdin.stdout.trim()).toBe(`imported 0 events (${events.length} duplicates)`);
		expect(await count()).toBe(events.length);
	});

	it('refuses events for dossiers another district owns, before writing any', async () => {
		const theirs = join(dir, 'theirs.ndjson');
		writeFileSync(theirs, ndjson([received('t-1', '46101', 'THEIRS-1', at(2))]));
		expect((await cli(['events', 'import', theirs, '--key-name', 'other'])).code).toBe(0);
		const mine = join(dir, 'mine.ndjson');
		writeFileSync(
			mine,
			ndjson([
				received('m-1', '46001', 'MINE-1', at(2)),
				{ id: 'm-2', type: 'dossier.resolved', at: at(3), unit: '46001', dossier: 'THEIRS-1' }
			])
		);
		const r = await cli(['events', 'import', mine, '--key-name', 'history']);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/mine\.ndjson:2: dossier: dossier "THEIRS-1" belongs to unit "46101"/);
		expect(await count()).toBe(events.length + 1);
	});

	it('resumes after Ctrl-C where it stopped, without doubling', async () => {
		const more = history(1500, 'R');
		const big = join(dir, 'resume.ndjson');
		writeFileSync(big, ndjson(more));
		const before = await count();
		const e = { ...process.env, ...(await env()) };
		if (backend === 'pglite') delete e.DATABASE_URL;
		const child = spawn(
			process.execPath,
			[
				join(root, 'src/cli/main.ts'),
				'events',
				'import',
				big,
				'--key-name',
				'history',
				'--batch',
				'50'
			],
			{ env: e, cwd: root }
		);
		let err = '';
		let out = '';
		child.stderr.on('data', (b) => (err += b));
		child.stdout.on('data', (b) => (out += b));
		// Interrupt once the first batches are in.
		await new Promise<void>((resolve) => {
			const poll = setInterval(() => {
				if (/nạp /.test(err)) {
					clearInterval(poll);
					resolve();
				}
			}, 20);
		});
		child.kill('SIGINT');
		const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
		expect(code, err).toBe(130);
		const stoppedAt = Number(/interrupted after line (\d+)/.exec(err)?.[1]);
		expect(stoppedAt).toBeGreaterThan(0);
		expect(stoppedAt).toBeLessThan(more.length);
		expect(out).toBe('');
		const partial = await count();
		expect(partial - before).toBe(stoppedAt);

		const again = await cli(['events', 'import', big, '--key-name', 'history', '--batch', '500']);
		expect(again.code, again.err).toBe(0);
		expect(again.err).toContain(`resumed after line ${stoppedAt}`);
		expect(again.last).toBe(`imported ${more.length} events (0 duplicates)`);
		expect((await count()) - before).toBe(more.length);
	});

	it('--format dvcqg imports the portal sync calls of a history, line by line, resumable and idempotent like the rest', async () => {
		const before = await count();
		const rec = (i: number, extra: Record<string, string> = {}) => ({
			MaHoSo: `DVH-${i}`,
			MaTTHC: 'P-KS',
			MaLinhVuc: 'HT',
			KenhThucHien: String(1 + (i % 3)),
			NgayTiepNhan: `202405${String(1 + (i % 20)).padStart(2, '0')}090000`,
			NgayHenTra: `202405${String(5 + (i % 20)).padStart(2, '0')}170000`,
			TrangThaiHoSo: '2',
			ChuHoSo: 'Trần Thị B',
			...extra
		});
		const calls: unknown[] = [];
		for (let i = 0; i < 60; i++) {
			calls.push({
				service: 'DongBoHoSoMC',
				madonvi: ['46001', '46002', '46003'][i % 3],
				isUpdating: 'False',
				data: [rec(i)]
			});
			if (i % 2 === 0)
				calls.push({
					service: 'CapNhatTienDoHoSoMC',
					madonvi: '46001',
					data: [
						{
							MaHoSo: `DVH-${i}`,
							TrangThai: '5',
							ThoiDiemXuLy: `202405${String(2 + (i % 20)).padStart(2, '0')}100000`
						}
					]
				});
			if (i % 3 === 0)
				calls.push({
					service: 'DongBoHoSoMC',
					madonvi: '46001',
					isUpdating: 'True',
					data: [
						rec(i, {
							TrangThaiHoSo: '10',
							NgayKetThucXuLy: `202405${String(3 + (i % 20)).padStart(2, '0')}150000`,
							NgayTra: `202405${String(4 + (i % 20)).padStart(2, '0')}080000`
						})
					]
				});
		}
		// Receipts 60, supplements 30, resolutions and returns 20 each.
		const expected = 60 + 30 + 20 + 20;
		const portal = join(dir, 'portal.ndjson');
		writeFileSync(portal, ndjson(calls));
		const bad = join(dir, 'portal-bad.ndjson');
		const broken = [...calls];
		broken.splice(3, 0, {
			service: 'DongBoHoSoMC',
			madonvi: '46001',
			data: [rec(999, { NgayHenTra: '20240231170000' })]
		});
		broken.splice(5, 0, { service: 'DongBoHoSoMC', madonvi: '46101', data: [rec(998)] });
		writeFileSync(bad, ndjson(broken));
		const refused = await cli([
			'events',
			'import',
			bad,
			'--key-name',
			'history',
			'--format',
			'dvcqg'
		]);
		expect(refused.code).toBe(1);
		expect(refused.err).toMatch(
			/portal-bad\.ndjson:4: data\[0\]\.NgayHenTra: 2024-02-31 is not a calendar date/
		);
		expect(refused.err).toMatch(
			/portal-bad\.ndjson:6: madonvi: unit "46101" \(46101\) is outside this key's scope \(460\)/
		);
		expect(await count()).toBe(before);
		expect(
			(await cli(['events', 'import', portal, '--key-name', 'history', '--format', 'xml'])).err
		).toMatch(/--format must be events/);

		const first = await cli([
			'events',
			'import',
			portal,
			'--key-name',
			'history',
			'--format',
			'dvcqg',
			'--batch',
			'25'
		]);
		expect(first.code, first.err).toBe(0);
		// The 20 updates repeat their dossier's receipt: duplicates.
		expect(first.last).toBe(`imported ${expected} events (20 duplicates)`);
		expect((await count()) - before).toBe(expected);
		const again = await cli([
			'events',
			'import',
			portal,
			'--key-name',
			'history',
			'--format',
			'dvcqg'
		]);
		expect(again.code, again.err).toBe(0);
		expect(again.last).toMatch(/^imported 0 events \(\d+ duplicates\)$/);
		expect((await count()) - before).toBe(expected);
	});
});
