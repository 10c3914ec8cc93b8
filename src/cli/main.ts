/**
 * The admin command line (docs/api.md#command-line): `npm run cli -- <command>`.
 * Runs migrations first; refuses to touch an embedded database held by a server.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppOrExplain, type App } from '../lib/server/app.ts';
import { createKey } from '../lib/server/auth/keys.ts';
import { audit } from '../lib/server/auth/audit.ts';
import { createUser, generatePassword } from '../lib/server/auth/users.ts';
import { KEY_ROLES, USER_ROLES, type KeyRole, type UserRole } from '../lib/server/auth/roles.ts';
import { rebuild } from '../lib/server/ingest/rebuild.ts';
import { importUnits } from '../lib/server/units/import.ts';
import { getUnit, listUnits, topUnitCodes } from '../lib/server/queries/units.ts';
import { formatImportError } from '../lib/domain/units/index.ts';
import { UsageError, type CommandGroup } from './usage.ts';

const USAGE = `usage: npm run cli -- <command>
  units import FILE                                   upsert units from CSV or GeoJSON
  units list [--parent CODE]                          list top units or CODE's children
  keys create --name NAME --scope CODE --role ingest|read|display
  users create --username U --role admin|supervisor|unit --scope CODE   (password from PASSWORD or generated)
  rebuild                                             recompute every projection from the stored events`;

/** Command groups kept in their own modules. */
const GROUPS: Record<string, () => Promise<CommandGroup>> = {
	calendar: async () => (await import('./calendar.ts')).default,
	events: async () => (await import('./events.ts')).default,
	mergers: async () => (await import('./mergers.ts')).default
};

function need(values: Record<string, unknown>, name: string): string {
	const v = values[name];
	if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required`);
	return v.trim();
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
	if (!(allowed as readonly string[]).includes(value))
		throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
	return value as T;
}

function isMergerFile(file: string): boolean {
	try {
		return /^\ufeff?\s*old_code\b/i.test(readFileSync(file, 'utf8').slice(0, 200));
	} catch {
		return false;
	}
}

async function requireUnit(app: App, code: string): Promise<void> {
	if (!(await getUnit(app.database, code)))
		throw new UsageError(`unknown unit "${code}" (import units first)`);
}

function progress(label: string) {
	let last = 0;
	return (done: number, total: number) => {
		if (total < 2000) return;
		const now = Date.now();
		if (now - last > 500 || done === total) {
			last = now;
			process.stderr.write(`${label}: ${done}/${total}\n`);
		}
	};
}

async function run(app: App, argv: string[]): Promise<number> {
	const [group, action, ...rest] = argv;
	if (group in GROUPS) return (await GROUPS[group]()).run(app, argv.slice(1));
	// A merger mapping given to `units import` (recognised by its header) or `units merge` goes to `mergers import`.
	if (
		group === 'units' &&
		(action === 'merge' || (action === 'import' && rest[0] && isMergerFile(rest[0])))
	)
		return (await GROUPS.mergers()).run(app, ['import', ...rest]);
	const cmd = action && !action.startsWith('-') ? `${group} ${action}` : group;
	const args = cmd === group ? argv.slice(1) : rest;
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			name: { type: 'string' },
			scope: { type: 'string' },
			role: { type: 'string' },
			username: { type: 'string' },
			parent: { type: 'string' }
		}
	});
	switch (cmd) {
		case 'units import': {
			const file = positionals[0];
			if (!file) throw new UsageError('units import needs a FILE');
			const text = readFileSync(file, 'utf8');
			const result = await importUnits(app.database, basename(file), text, progress('units'));
			if (!result.ok) {
				for (const e of result.errors) console.error(`${file}: ${formatImportError(e)}`);
				console.error(`nothing imported: ${result.errors.length} error(s)`);
				return 1;
			}
			await audit(app.database, {
				actor: 'cli',
				action: 'units.import',
				target: basename(file),
				detail: { imported: result.imported, moved: result.moved, rebuilt: result.rebuilt }
			});
			if (result.rebuilt)
				console.error(`${result.moved} unit(s) moved in the tree: rollups rebuilt`);
			console.log(`imported ${result.imported} units`);
			return 0;
		}
		case 'units list': {
			const items = values.parent
				? await listUnits(app.database, { parent: String(values.parent) })
				: await listUnits(app.database, { codes: await topUnitCodes(app.database) });
			if (values.parent) await requireUnit(app, String(values.parent));
			for (const u of items) console.log(`${u.code}\t${u.name}\t${u.type}`);
			return 0;
		}
		case 'keys create': {
			const name = need(values, 'name');
			const scope = need(values, 'scope');
			const role = oneOf<KeyRole>(need(values, 'role'), KEY_ROLES, 'role');
			await requireUnit(app, scope);
			const { id, token } = await createKey(app.database, { name, role, scopeCode: scope });
			await audit(app.database, {
				actor: 'cli',
				action: 'key.create',
				target: id,
				detail: { name, role, scope }
			});
			console.log(`created ${role} key ${id} "${name}" for unit ${scope}; it is shown only once:`);
			console.log(token);
			return 0;
		}
		case 'users create': {
			const username = need(values, 'username');
			const role = oneOf<UserRole>(need(values, 'role'), USER_ROLES, 'role');
			const scope = need(values, 'scope');
			if (!/^[a-z0-9._-]{3,64}$/i.test(username))
				throw new UsageError('--username: 3–64 letters, digits, . _ -');
			await requireUnit(app, scope);
			const given = process.env.PASSWORD;
			const password = given && given.length > 0 ? given : generatePassword();
			await createUser(app.database, { username, role, scopeCode: scope, password });
			await audit(app.database, {
				actor: 'cli',
				action: 'user.create',
				target: username,
				detail: { role, scope }
			});
			console.log(`created ${role} user "${username}" for unit ${scope}`);
			if (!given) {
				console.log('generated password (shown only once):');
				console.log(password);
			}
			return 0;
		}
		case 'rebuild': {
			const r = await rebuild(app.database, progress('rebuild'));
			console.log(`rebuilt ${r.dossiers} dossiers from ${r.events} events`);
			return 0;
		}
		default:
			throw new UsageError(cmd ? `unknown command "${cmd}"` : 'no command given');
	}
}

async function fullUsage(): Promise<string> {
	const groups = await Promise.all(Object.values(GROUPS).map(async (load) => (await load()).usage));
	return [USAGE, ...groups].join('\n');
}

async function main(): Promise<number> {
	const argv = process.argv.slice(2);
	if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
		console.log(await fullUsage());
		return argv.length === 0 ? 1 : 0;
	}
	const app = await createAppOrExplain();
	if (!app) return 1;
	try {
		return await run(app, argv);
	} catch (err) {
		if (
			err instanceof UsageError ||
			(err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
		) {
			// A group's own mistakes show that group's lines; anything else the whole list.
			const group =
				argv[0] in GROUPS
					? `usage: npm run cli -- <command>\n${(await GROUPS[argv[0]]()).usage}`
					: await fullUsage();
			console.error(`error: ${(err as Error).message}\n\n${group}`);
			return 1;
		}
		if (err instanceof Error && /already exists|password must/.test(err.message)) {
			console.error(`error: ${err.message}`);
			return 1;
		}
		throw err;
	} finally {
		await app.close();
	}
}

process.exitCode = await main();
