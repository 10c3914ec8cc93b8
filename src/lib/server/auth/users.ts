/** Users of the dashboard: one role, one scope unit, argon2id passwords. */
import type { Database } from '../db/index.ts';
import {
	insertUser,
	listUserRows,
	setDisabled,
	setPasswordHash,
	userById,
	userListRow,
	userNamed
} from '../queries/users.ts';
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
	if (await userNamed(database, input.username))
		throw new Error(`user "${input.username}" already exists`);
	const id = `u${randomString(10)}`;
	await insertUser(database, {
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

export async function listUsers(database: Database): Promise<UserListItem[]> {
	return (await listUserRows(database)).map((r) => ({ ...r, role: r.role as UserRole }));
}

export async function findUser(database: Database, username: string): Promise<UserListItem | null> {
	const row = await userListRow(database, username);
	return row ? { ...row, role: row.role as UserRole } : null;
}

/** Disabling ends every session of the user at once (and the socket recheck cuts their live connections). */
export async function setUserDisabled(
	database: Database,
	username: string,
	disabled: boolean
): Promise<boolean> {
	const id = await setDisabled(database, username, disabled);
	if (id === null) return false;
	if (disabled) await invalidateUserSessions(database, id);
	return true;
}

/** A new generated password (returned once); every session of the user ends. */
export async function resetPassword(
	database: Database,
	username: string,
	now = new Date()
): Promise<string | null> {
	const password = generatePassword();
	const id = await setPasswordHash(database, { username }, await hashPassword(password), now);
	if (id === null) return null;
	await invalidateUserSessions(database, id);
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
	const user = await userById(database, userId);
	if (!user || user.disabled || !(await verifyPassword(user.passwordHash, current)))
		return { ok: false, error: 'wrong_current' };
	if (checkPasswordStrength(next)) return { ok: false, error: 'weak' };
	if (next === current) return { ok: false, error: 'same' };
	await setPasswordHash(database, { id: userId }, await hashPassword(next), now);
	await invalidateUserSessions(database, userId);
	const session = await createSession(database, userId, now);
	return { ok: true, ...session };
}
