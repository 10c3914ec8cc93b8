/** The api_keys table (auth/keys.ts makes and checks the tokens): active keys by id or name, the list, revocation. */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { apiKeys } from '../db/schema.ts';

export type KeyRow = typeof apiKeys.$inferSelect;
/** What the admin pages list of a key (no secret hash). */
export type KeyListRow = Pick<
	KeyRow,
	'id' | 'name' | 'role' | 'scopeCode' | 'createdAt' | 'lastUsedAt' | 'revokedAt'
>;

export async function insertKey(
	database: Database,
	row: Pick<KeyRow, 'id' | 'name' | 'source' | 'role' | 'scopeCode' | 'secretHash'>
): Promise<void> {
	await database.db.insert(apiKeys).values(row);
}

/** The key of that id unless it was revoked. */
export async function activeKey(database: Database, id: string): Promise<KeyRow | null> {
	const [key] = await database.db
		.select()
		.from(apiKeys)
		.where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
		.limit(1);
	return key ?? null;
}

export async function touchKey(database: Database, id: string): Promise<void> {
	await database.db
		.update(apiKeys)
		.set({ lastUsedAt: sql`now()` })
		.where(eq(apiKeys.id, id));
}

/** The newest active key of that name. */
export async function newestActiveKeyNamed(
	database: Database,
	name: string
): Promise<Pick<KeyRow, 'source' | 'scopeCode' | 'role'> | null> {
	const [key] = await database.db
		.select({ source: apiKeys.source, scopeCode: apiKeys.scopeCode, role: apiKeys.role })
		.from(apiKeys)
		.where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
		.orderBy(desc(apiKeys.createdAt))
		.limit(1);
	return key ?? null;
}

/** Every key (of one role if given), newest first, revoked ones too. */
export async function listKeyRows(database: Database, role?: string): Promise<KeyListRow[]> {
	return database.db
		.select({
			id: apiKeys.id,
			name: apiKeys.name,
			role: apiKeys.role,
			scopeCode: apiKeys.scopeCode,
			createdAt: apiKeys.createdAt,
			lastUsedAt: apiKeys.lastUsedAt,
			revokedAt: apiKeys.revokedAt
		})
		.from(apiKeys)
		.where(role ? eq(apiKeys.role, role) : undefined)
		.orderBy(desc(apiKeys.createdAt), asc(apiKeys.id));
}

/** Revokes the key now; the revoked row, or null when unknown or already revoked. */
export async function revokeKeyRow(database: Database, id: string): Promise<KeyRow | null> {
	const [row] = await database.db
		.update(apiKeys)
		.set({ revokedAt: sql`now()` })
		.where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
		.returning();
	return row ?? null;
}
