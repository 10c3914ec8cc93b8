/**
 * Sessions (Lucia guide): token `<id>.<secret>` in an HttpOnly cookie; the DB
 * keeps the id and SHA-256 of the secret. Inactivity timeout 10 days (activity
 * recorded at most hourly), absolute lifetime 30 days.
 */
import type { Database } from '../db/index.ts';
import {
	deleteSession,
	deleteStaleSessions,
	deleteUserSessions,
	insertSession,
	sessionWithUser,
	touchSession
} from '../queries/sessions.ts';
import type { Principal, UserRole } from './roles.ts';
import { newToken, secretMatches, splitToken } from './tokens.ts';

export const SESSION_COOKIE = 'mcl_session';
export const INACTIVITY_MS = 10 * 24 * 3600_000;
export const ABSOLUTE_MS = 30 * 24 * 3600_000;
const ACTIVITY_RECORD_MS = 3600_000;

export async function createSession(
	database: Database,
	userId: string,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const { id, token, hash } = newToken('s');
	const expiresAt = new Date(now.getTime() + ABSOLUTE_MS);
	await insertSession(database, {
		id,
		userId,
		secretHash: hash,
		createdAt: now,
		lastActivityAt: now,
		expiresAt
	});
	return { token, expiresAt };
}

export async function validateSession(
	database: Database,
	token: string,
	now = new Date()
): Promise<Extract<Principal, { kind: 'user' }> | null> {
	const parts = splitToken(token);
	if (!parts) return null;
	const row = await sessionWithUser(database, parts.id);
	if (!row || !secretMatches(parts.secret, row.session.secretHash)) return null;
	const t = now.getTime();
	const expired =
		row.user.disabled ||
		t >= row.session.expiresAt.getTime() ||
		t - row.session.lastActivityAt.getTime() >= INACTIVITY_MS ||
		row.session.createdAt.getTime() < row.user.passwordChangedAt.getTime() - 1000;
	if (expired) {
		await deleteSession(database, parts.id);
		return null;
	}
	if (t - row.session.lastActivityAt.getTime() >= ACTIVITY_RECORD_MS)
		await touchSession(database, parts.id, now);
	return {
		kind: 'user',
		id: row.user.id,
		username: row.user.username,
		role: row.user.role as UserRole,
		scopeCode: row.user.scopeCode,
		sessionId: row.session.id
	};
}

export async function invalidateSession(database: Database, sessionId: string): Promise<void> {
	await deleteSession(database, sessionId);
}

/** Ends every session of a user (disable, password change/reset), optionally keeping one. */
export async function invalidateUserSessions(
	database: Database,
	userId: string,
	exceptSessionId?: string
): Promise<void> {
	await deleteUserSessions(database, userId, exceptSessionId);
}

/** Cookie options for a session token: HttpOnly, SameSite=Lax, Secure on https, expiring with the session. */
export function sessionCookieOptions(url: URL, expiresAt: Date) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		expires: expiresAt
	};
}

/** Removes sessions past their absolute lifetime or their inactivity timeout. */
export async function deleteExpiredSessions(database: Database, now = new Date()): Promise<void> {
	await deleteStaleSessions(database, now, new Date(now.getTime() - INACTIVITY_MS));
}
