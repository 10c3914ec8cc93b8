/** Password login → a new session; first-run admin. */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { jsonRows } from '../db/json-rows.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import { createUser, generatePassword } from './users.ts';

// A real argon2id hash of a random password: unknown usernames cost the same time as wrong passwords.
let dummyHash: Promise<string> | null = null;

export async function login(database: Database, username: string, password: string): Promise<{ token: string; expiresAt: Date } | null> {
	const [user] = await database.db.select().from(users).where(eq(users.username, username)).limit(1);
	if (!user || user.disabled) {
		await verifyPassword(await (dummyHash ??= hashPassword(generatePassword())), password);
		return null;
	}
	if (!(await verifyPassword(user.passwordHash, password))) return null;
	return createSession(database, user.id);
}

/** On a deployment with no user at all, create `admin` for the given scope; returns the generated password once. */
export async function ensureFirstAdmin(database: Database, scopeCode: string): Promise<{ username: string; password: string } | null> {
	const [row] = await jsonRows<{ n: number }>(database, sql`select jsonb_build_object('n', count(*)) as j from users`);
	if (Number(row.n) > 0) return null;
	const password = generatePassword();
	await createUser(database, { username: 'admin', role: 'admin', scopeCode, password });
	return { username: 'admin', password };
}
