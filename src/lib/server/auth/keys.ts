/** API keys: created by the CLI (shown once), stored hashed, limited to a unit subtree. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { apiKeys } from '../db/schema.ts';
import type { KeyRole, Principal } from './roles.ts';
import { newToken, secretMatches, splitToken } from './tokens.ts';

export async function createKey(
	database: Database,
	input: { name: string; role: KeyRole; scopeCode: string }
): Promise<{ id: string; token: string }> {
	const { id, token, hash } = newToken('k');
	await database.db.insert(apiKeys).values({
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

export async function verifyKey(database: Database, token: string): Promise<Extract<Principal, { kind: 'key' }> | null> {
	const parts = splitToken(token.startsWith('mcl_') ? token.slice(4) : token);
	if (!parts) return null;
	const [key] = await database.db
		.select()
		.from(apiKeys)
		.where(and(eq(apiKeys.id, parts.id), isNull(apiKeys.revokedAt)))
		.limit(1);
	if (!key || !secretMatches(parts.secret, key.secretHash)) return null;
	const now = Date.now();
	if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > USE_RECORD_MS) {
		await database.db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, key.id));
	}
	return { kind: 'key', id: key.id, name: key.name, source: key.source, role: key.role as KeyRole, scopeCode: key.scopeCode };
}
