/**
 * The e2e server: a fresh embedded database with the test units and keys made
 * through the real CLI (before the server takes the database), then `npm start`.
 * Keys are written beside the data for the tests to read.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_ADMIN, E2E_DIR, E2E_UNITS } from './paths.ts';
import { E2E_USERS, KEY_SCOPES } from './principals.ts';

const root = new URL('../..', import.meta.url).pathname;
rmSync(E2E_DIR, { recursive: true, force: true });
mkdirSync(E2E_DIR, { recursive: true });
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(E2E_DIR, 'data') };
delete env.DATABASE_URL;

function cli(...args: string[]): string {
	return cliWith({}, ...args);
}

function cliWith(extra: NodeJS.ProcessEnv, ...args: string[]): string {
	const r = spawnSync(process.execPath, [join(root, 'src/cli/main.ts'), ...args], {
		cwd: root,
		env: { ...env, ...extra },
		encoding: 'utf8'
	});
	if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
	return r.stdout.trim().split('\n').at(-1)!;
}

cli('units', 'import', E2E_UNITS);
cliWith(
	{ PASSWORD: E2E_ADMIN.password },
	'users',
	'create',
	'--username',
	E2E_ADMIN.username,
	'--role',
	'admin',
	'--scope',
	'38'
);
const keys = {
	ingest: cli('keys', 'create', '--name', 'e2e-ingest', '--scope', '38', '--role', 'ingest'),
	read: cli('keys', 'create', '--name', 'e2e-read', '--scope', '38', '--role', 'read'),
	display: cli('keys', 'create', '--name', 'e2e-display', '--scope', '38', '--role', 'display')
};
writeFileSync(join(E2E_DIR, 'keys.json'), JSON.stringify(keys));
// The access matrix: users of the other roles, and keys of every role for the province and for one ward.
for (const u of [E2E_USERS.supervisor, E2E_USERS.unit]) {
	cliWith(
		{ PASSWORD: u.password },
		'users',
		'create',
		'--username',
		u.username,
		'--role',
		u.role,
		'--scope',
		u.scope
	);
}
const access = Object.fromEntries(
	(['ingest', 'read', 'display'] as const).map((role) => [
		role,
		Object.fromEntries(
			KEY_SCOPES.map((scope) => [
				scope,
				cli('keys', 'create', '--name', `e2e-${role}-${scope}`, '--scope', scope, '--role', role)
			])
		)
	])
);
writeFileSync(join(E2E_DIR, 'access.json'), JSON.stringify(access));
process.env.DATA_DIR = env.DATA_DIR;
delete process.env.DATABASE_URL;
await import('../../scripts/start.ts');
