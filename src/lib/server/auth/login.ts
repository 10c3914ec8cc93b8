/** Password login → a new session; first-run admin. */
import type { Database } from '../db/index.ts';
import { countUsers, userNamed } from '../queries/users.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createSession, deleteExpiredSessions } from './sessions.ts';
import { createUser, generatePassword } from './users.ts';
import { audit } from './audit.ts';
import { checkThrottle, clearFailures, pruneFailures, recordFailure } from './throttle.ts';

// A real argon2id hash of a random password: unknown usernames cost the same time as wrong passwords.
let dummyHash: Promise<string> | null = null;

export async function login(
	database: Database,
	username: string,
	password: string,
	now = new Date()
): Promise<{ token: string; expiresAt: Date } | null> {
	const user = await userNamed(database, username);
	if (!user || user.disabled) {
		await verifyPassword(await (dummyHash ??= hashPassword(generatePassword())), password);
		return null;
	}
	if (!(await verifyPassword(user.passwordHash, password))) return null;
	return createSession(database, user.id, now);
}

export type LoginAttempt =
	| { ok: true; token: string; expiresAt: Date }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * The login form's whole decision: throttled first (per username, per IP),
 * then the password; failures recorded, success clears the username's
 * failures; every outcome audited (`login`, `login.failed`, `login.throttled`).
 */
export async function attemptLogin(
	database: Database,
	input: { username: string; password: string; ip: string; now: Date }
): Promise<LoginAttempt> {
	const { username, password, ip, now } = input;
	const throttle = await checkThrottle(database, username, ip, now);
	if (throttle.throttled) {
		await audit(database, {
			actor: 'anonymous',
			action: 'login.throttled',
			target: username,
			ip,
			detail: { by: throttle.by, retryAfterSeconds: throttle.retryAfterSeconds }
		});
		return { ok: false, reason: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };
	}
	const session = await login(database, username, password, now);
	if (!session) {
		await recordFailure(database, username, ip, now);
		await audit(database, { actor: 'anonymous', action: 'login.failed', target: username, ip });
		await pruneFailures(database, now);
		return { ok: false, reason: 'invalid' };
	}
	await clearFailures(database, username);
	await deleteExpiredSessions(database, now);
	await audit(database, { actor: `user:${username}`, action: 'login', target: username, ip });
	return { ok: true, ...session };
}

/** On a deployment with no user at all, create `admin` for the given scope; returns the generated password once. */
export async function ensureFirstAdmin(
	database: Database,
	scopeCode: string
): Promise<{ username: string; password: string } | null> {
	if ((await countUsers(database)) > 0) return null;
	const password = generatePassword();
	await createUser(database, { username: 'admin', role: 'admin', scopeCode, password });
	return { username: 'admin', password };
}
