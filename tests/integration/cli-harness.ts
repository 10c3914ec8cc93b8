/**
 * The admin CLI as a real process on a throwaway database: an empty DATA_DIR
 * (PGlite) or a fresh PostgreSQL database, made on first use and removed by
 * `cleanup` (give it to afterAll).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type Backend, type TestDb } from './harness.ts';

export const root = new URL('../..', import.meta.url).pathname;

export type CliResult = { code: number | null; out: string; err: string; last: string };

export function cliHarness(backend: Backend, prefix: string) {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	let pg: TestDb | null = null;
	/** The environment that points a process at this suite's database. */
	const env = async (): Promise<Record<string, string>> => {
		if (backend === 'postgres' && !pg) {
			pg = await createTestApp('postgres');
			await pg.app.database.close();
		}
		return pg ? { DATABASE_URL: pg.url! } : { DATA_DIR: join(dir, 'data') };
	};
	const cli = async (args: string[], extra: Record<string, string> = {}): Promise<CliResult> => {
		const e: NodeJS.ProcessEnv = { ...process.env, ...(await env()), ...extra };
		if (backend === 'pglite') delete e.DATABASE_URL;
		const r = spawnSync(process.execPath, [join(root, 'src/cli/main.ts'), ...args], {
			env: e,
			encoding: 'utf8',
			cwd: root
		});
		return {
			code: r.status,
			out: r.stdout,
			err: r.stderr,
			last: r.stdout.trim().split('\n').at(-1) ?? ''
		};
	};
	const cleanup = async () => {
		rmSync(dir, { recursive: true, force: true });
		if (pg) {
			const { default: postgres } = await import('postgres');
			const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
			await admin.unsafe(
				`drop database if exists ${new URL(pg.url!).pathname.slice(1)} with (force)`
			);
			await admin.end();
		}
	};
	return { dir, env, cli, cleanup };
}
