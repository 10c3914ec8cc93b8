/** Users of the dashboard: one role, one scope unit, argon2id passwords. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { createSession, invalidateUserSessions } from './sessions.ts';
import type { UserRole } from './roles.ts';
import { randomString } from './tokens.ts';

export function generatePassword(): string {
	return randomString(12);
}

export async function createUser(
	database: Database,
	input: { username: string; role: UserRole; scopeCode: string; password: string }
): Promise<{ id: string }> {
	const weak = checkPasswordStrength(input.password);
	if (weak) throw new Error(weak);
	const existing = await database.db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.username, input.username));
	if (existing.length > 0) throw new Error(`user "${input.username}" already exists`);
	const id = `u${randomString(10)}`;
	await database.db.insert(users).values({
		id,
		username: input.username,
		role: input.role,
		scopeCode: input.scopeCode,
		passwordHash: await hashPassword(input.password)
	});
	return { id };
}

export type UserListItem = {
	id: string;
	username: string;
	role: UserRole;
	scopeCode: string;
	disabled: boolean;
	createdAt: Date;
	passwordChangedAt: Date;
};

const listColumns = {
	id: users.id,
	username: users.username,
	role: users.role,
	scopeCode: users.scopeCode,
	disabled: users.disabled,
	createdAt: users.createdAt,
	passwordChangedAt: users.passwordChangedAt
};

export async function listUsers(database: Database): Promise<UserListItem[]> {
	const rows = await database.db.select(listColumns).from(users).orderBy(asc(users.username));
	return rows.map((r) => ({ ...r, role: r.role as UserRole }));
}

export async function findUser(database: Database, username: string): Promise<UserListItem | null> {
	const [row] = await database.db
		.select(listColumns)
		.from(users)
		.where(eq(users.username, username))
		.limit(1);
	return row ? { ...row, role: row.role as UserRole } : null;
}

/** Disabling ends every session of the user at once (and the socket recheck cuts their live connections). */
export async function setUserDisabled(
	database: Database,
	username: string,
	disabled: boolean
): Promise<boolean> {
	const updated = await database.db
		.update(users)
		.set({ disabled })
		.where(eq(users.username, username))
		.returning({ id: users.id });
	if (updated.length === 0) return false;
	if (disabled) await invalidateUserSessions(database, updated[0].id);
	return true;
}

/** A new generated password (returned once); every session of the user ends. */
export async function resetPassword(
	database: Database,
	username: string,
	now = new Date()
): Promise<string | null> {
	const password = generatePassword();
	const updated = await database.db
		.update(users)
		.set({ passwordHash: await hashPassword(password), passwordChangedAt: now })
		.where(eq(users.username, username))
		.returning({ id: users.id });
	if (updated.length === 0) return null;
	await invalidateUserSessions(database, updated[0].id);
	return password;
}

export type ChangePasswordResult =
	| { ok: true; token: string; expiresAt: Date }
	| { ok: false; error: 'wrong_current' | 'weak' | 'same' };

/**
 * The signed-in user changes their own password: the current one must match;
 * all their sessions end (this one too) and a fresh session is returned.
 */
export async function changePassword(
	database: Database,
	userId: string,
	current: string,
	next: string,
	now = new Date()
): Promise<ChangePasswordResult> {
	const [user] = await database.db.select().from(users).where(eq(users.id, userId)).limit(1);
	if (!user || user.disabled || !(await verifyPassword(user.passwordHash, current)))
		return { ok: false, error: 'wrong_current' };
	if (checkPasswordStrength(next)) return { ok: false, error: 'weak' };
	if (next === current) return { ok: false, error: 'same' };
	await database.db
		.update(users)
		.set({ passwordHash: await hashPassword(next), passwordChangedAt: now })
		.where(eq(users.id, userId));
	await invalidateUserSessions(database, userId);
	const session = await createSession(database, userId, now);
	return { ok: true, ...session };
}
