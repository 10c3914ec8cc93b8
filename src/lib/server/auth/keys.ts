/** API keys: created by the CLI (shown once), stored hashed, limited to a unit subtree. */
import type { Database } from '../db/index.ts';
import {
	activeKey,
	insertKey,
	listKeyRows,
	newestActiveKeyNamed,
	revokeKeyRow,
	touchKey
} from '../queries/api-keys.ts';
import type { KeyRole, Principal } from './roles.ts';
import { newToken, secretMatches, splitToken } from './tokens.ts';

export async function createKey(
	database: Database,
	input: { name: string; role: KeyRole; scopeCode: string }
): Promise<{ id: string; token: string }> {
	const { id, token, hash } = newToken('k');
	await insertKey(database, {
		id,
		name: input.name,
		source: input.name,
		role: input.role,
		scopeCode: input.scopeCode,
		secretHash: hash
	});
	return { id, token: `mcl_${token}` };
}

const USE_RECORD_MS = 60_000;

export async function verifyKey(
	database: Database,
	token: string
): Promise<Extract<Principal, { kind: 'key' }> | null> {
	const parts = splitToken(token.startsWith('mcl_') ? token.slice(4) : token);
	if (!parts) return null;
	const key = await activeKey(database, parts.id);
	if (!key || !secretMatches(parts.secret, key.secretHash)) return null;
	const now = Date.now();
	if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > USE_RECORD_MS)
		await touchKey(database, key.id);
	return {
		kind: 'key',
		id: key.id,
		name: key.name,
		source: key.source,
		role: key.role as KeyRole,
		scopeCode: key.scopeCode
	};
}

/** The newest active key of that name (keys of one name share one source): what `cli events import --key-name` sends as. */
export async function activeKeyNamed(
	database: Database,
	name: string
): Promise<{ source: string; scopeCode: string; role: KeyRole } | null> {
	const key = await newestActiveKeyNamed(database, name);
	return key ? { ...key, role: key.role as KeyRole } : null;
}

export type KeyListItem = {
	id: string;
	name: string;
	role: KeyRole;
	scopeCode: string;
	createdAt: Date;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
};

/** Every key, newest first (revoked ones too: they stay listed with their revocation time). */
export async function listKeys(database: Database, role?: KeyRole): Promise<KeyListItem[]> {
	const rows = await listKeyRows(database, role);
	return rows.map((r) => ({ ...r, role: r.role as KeyRole }));
}

/** Revokes a key at once (the socket recheck cuts live connections riding on it); false when unknown or already revoked. */
export async function revokeKey(database: Database, id: string): Promise<KeyListItem | null> {
	const row = await revokeKeyRow(database, id);
	return row
		? {
				id: row.id,
				name: row.name,
				role: row.role as KeyRole,
				scopeCode: row.scopeCode,
				createdAt: row.createdAt,
				lastUsedAt: row.lastUsedAt,
				revokedAt: row.revokedAt
			}
		: null;
}
