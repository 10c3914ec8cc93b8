/** The admin CLI as a newcomer runs it: a real process on an empty DATA_DIR (and on PostgreSQL). */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliHarness, root } from './cli-harness.ts';
import { BACKENDS } from './harness.ts';
import { TREE_CSV } from './units.fixture.ts';

describe.each(BACKENDS)('cli on %s', (backend) => {
	const { dir, cli, cleanup } = cliHarness(backend, 'mcl-cli-');
	afterAll(cleanup);

	it('imports units, lists them, creates keys and users, rebuilds', async () => {
		const file = join(dir, 'units.csv');
		writeFileSync(file, TREE_CSV);
		const imp = await cli(['units', 'import', file]);
		expect(imp.err).toBe('');
		expect(imp.last).toBe('imported 11 units');
		const list = await cli(['units', 'list']);
		expect(list.out).toBe('46\tTỉnh Thử Nghiệm\tprovince\n47\tTỉnh Bên Cạnh\tprovince\n');
		const kids = await cli(['units', 'list', '--parent', '460']);
		expect(kids.out.split('\n').filter(Boolean)).toEqual([
			'46001\tXã An\tcommune',
			'46002\tXã Bình\tcommune',
			'46003\tPhường Cát\tward'
		]);
		const k = await cli([
			'keys',
			'create',
			'--name',
			'portal',
			'--scope',
			'46',
			'--role',
			'ingest'
		]);
		expect(k.code).toBe(0);
		expect(k.last).toMatch(/^mcl_k[a-z2-7]+\.[a-z2-7]{32}$/);
		const u = await cli([
			'users',
			'create',
			'--username',
			'hdnd',
			'--role',
			'supervisor',
			'--scope',
			'46'
		]);
		expect(u.code).toBe(0);
		expect(u.last).toMatch(/^[a-z2-7]{20}$/);
		const given = await cli(
			['users', 'create', '--username', 'admin1', '--role', 'admin', '--scope', '46'],
			{ PASSWORD: 'một-mật-khẩu-dài' }
		);
		expect(given.code).toBe(0);
		expect(given.out).not.toContain('một-mật-khẩu-dài');
		const reb = await cli(['rebuild']);
		expect(reb.last).toBe('rebuilt 0 dossiers from 0 events');
	});

	it('reports bad files by line and writes nothing', async () => {
		const file = join(dir, 'bad.csv');
		writeFileSync(
			file,
			'code,name,type,parent_code\n50,Tỉnh Mới,province,\n5001,Xã Lạc,commune,999\n5002,Xã Hai,xom,50\n50,Trùng,province,\n'
		);
		const r = await cli(['units', 'import', file]);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/line 4: .*xom/);
		expect(r.err).toMatch(/line 5: .*duplicate/i);
		const list = await cli(['units', 'list']);
		expect(list.out).not.toContain('Tỉnh Mới');
	});

	it('refuses bad arguments', async () => {
		expect(
			(await cli(['keys', 'create', '--name', 'x', '--scope', '46', '--role', 'god'])).code
		).toBe(1);
		expect(
			(await cli(['keys', 'create', '--name', 'x', '--scope', '999', '--role', 'read'])).err
		).toMatch(/unknown unit/);
		expect((await cli(['frobnicate'])).code).toBe(1);
	});

	it('imports unit mergers, refusing a bad mapping by line', async () => {
		const bad = join(dir, 'bad-mergers.csv');
		writeFileSync(
			bad,
			'old_code,new_code,effective_date\n46001,46101,2025-07-01\n46002,99999,2025-07-01\n'
		);
		const r = await cli(['mergers', 'import', bad]);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/line 3: unknown new_code "99999"/);
		expect((await cli(['mergers', 'list'])).out).toBe('');
		const good = join(dir, 'mergers.csv');
		writeFileSync(good, '46001,46101,2025-07-01\n46002,46101,2025-07-01\n');
		const ok = await cli(['mergers', 'import', good]);
		expect(ok.code).toBe(0);
		expect(ok.last).toBe('imported 2 mergers');
		expect((await cli(['mergers', 'list'])).out).toBe(
			'46001\t46101\t2025-07-01\n46002\t46101\t2025-07-01\n'
		);
		expect((await cli(['units', 'list', '--parent', '46101'])).out).toBe(
			'46001\tXã An\tcommune\n46002\tXã Bình\tcommune\n'
		);
		// the same mapping through `units import` (recognised by its header) is idempotent
		const withHeader = join(dir, 'mergers-header.csv');
		writeFileSync(withHeader, 'old_code,new_code,effective_date\n46003,46101,2025-07-01\n');
		expect((await cli(['units', 'import', withHeader])).last).toBe('imported 1 mergers');
	});

	it.runIf(backend === 'pglite')(
		'refuses the embedded database while a server holds it',
		async () => {
			const dataDir = join(dir, 'data');
			const holder = spawn(
				process.execPath,
				[
					'--input-type=module',
					'-e',
					`import { lockDataDir } from '${join(root, 'src/lib/server/db/lock.ts')}'; lockDataDir(${JSON.stringify(dataDir)}); console.log('locked'); setInterval(() => {}, 1000);`
				],
				{ stdio: ['ignore', 'pipe', 'inherit'] }
			);
			await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
			try {
				const r = await cli(['units', 'list']);
				expect(r.code).toBe(1);
				expect(r.err).toMatch(/in use by another process \(pid \d+\)/);
			} finally {
				holder.kill();
			}
			await new Promise((r) => holder.once('exit', r));
			expect((await cli(['units', 'list'])).code).toBe(0);
		}
	);
});
