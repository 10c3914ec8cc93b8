/**
 * Sessions and keys on a real database: expiry (inactivity, absolute), the
 * hourly activity refresh, invalidation on logout / disable / password change
 * / reset, and token hashing — what the database holds cannot authenticate.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createTestApp, importCsv, type TestDb } from './harness.ts';
import { TREE_CSV } from './units.fixture.ts';
import { apiKeys, sessions, users } from '../../src/lib/server/db/schema.ts';
import { createKey, listKeys, revokeKey, verifyKey } from '../../src/lib/server/auth/keys.ts';
import { login } from '../../src/lib/server/auth/login.ts';
import {
	ABSOLUTE_MS,
	createSession,
	deleteExpiredSessions,
	INACTIVITY_MS,
	invalidateSession,
	validateSession
} from '../../src/lib/server/auth/sessions.ts';
import {
	changePassword,
	createUser,
	resetPassword,
	setUserDisabled
} from '../../src/lib/server/auth/users.ts';
import { hashSecret, splitToken } from '../../src/lib/server/auth/tokens.ts';

const HOUR = 3600_000;
const PASSWORD = 'mật-khẩu-thử-nghiệm';
/** Fake clocks start after the users were created (a session older than its user's password change is void). */
const soon = () => new Date(Date.now() + 60_000);

describe.each(BACKENDS)('sessions and tokens on %s', (backend) => {
	let t: TestDb;
	let userId: string;
	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		userId = (
			await createUser(t.app.database, {
				username: 'giamsat',
				role: 'supervisor',
				scopeCode: '46',
				password: PASSWORD
			})
		).id;
	});
	afterAll(() => t?.drop());
	const db = () => t.app.database;
	const row = async (token: string) =>
		(
			await db()
				.db.select()
				.from(sessions)
				.where(eq(sessions.id, splitToken(token)!.id))
		)[0];

	it('a fresh session is valid and names the user, role and scope', async () => {
		const start = soon();
		const s = await createSession(db(), userId, start);
		expect(s.expiresAt.getTime() - start.getTime()).toBe(ABSOLUTE_MS);
		const p = await validateSession(db(), s.token, new Date(start.getTime() + 1000));
		expect(p).toMatchObject({
			kind: 'user',
			username: 'giamsat',
			role: 'supervisor',
			scopeCode: '46'
		});
	});

	it('activity is recorded at most hourly, and keeps the session alive past the inactivity timeout', async () => {
		const start = soon();
		const s = await createSession(db(), userId, start);
		await validateSession(db(), s.token, new Date(start.getTime() + 30 * 60_000));
		expect((await row(s.token)).lastActivityAt.getTime()).toBe(start.getTime()); // < 1 h: not written
		const later = new Date(start.getTime() + HOUR + 1000);
		await validateSession(db(), s.token, later);
		expect((await row(s.token)).lastActivityAt.getTime()).toBe(later.getTime());
		// Nine days after that activity, still in: 10 days since the start, but not 10 days idle.
		const nineDays = new Date(later.getTime() + 9 * 24 * HOUR);
		expect(await validateSession(db(), s.token, nineDays)).not.toBeNull();
	});

	it('expires after the inactivity timeout, and the row is deleted', async () => {
		const start = soon();
		const s = await createSession(db(), userId, start);
		expect(
			await validateSession(db(), s.token, new Date(start.getTime() + INACTIVITY_MS - 1000))
		).not.toBeNull();
		const s2 = await createSession(db(), userId, start);
		expect(
			await validateSession(db(), s2.token, new Date(start.getTime() + INACTIVITY_MS))
		).toBeNull();
		expect(await row(s2.token)).toBeUndefined();
	});

	it('expires at the absolute lifetime even when used every day', async () => {
		const start = soon();
		const s = await createSession(db(), userId, start);
		for (let day = 1; day < 30; day++)
			expect(
				await validateSession(db(), s.token, new Date(start.getTime() + day * 24 * HOUR))
			).not.toBeNull();
		expect(
			await validateSession(db(), s.token, new Date(start.getTime() + ABSOLUTE_MS))
		).toBeNull();
	});

	it('deleteExpiredSessions removes idle and over-age rows only', async () => {
		const now = new Date('2025-06-01T00:00:00Z');
		const idle = await createSession(db(), userId, new Date(now.getTime() - INACTIVITY_MS - HOUR));
		const fresh = await createSession(db(), userId, new Date(now.getTime() - HOUR));
		await deleteExpiredSessions(db(), now);
		expect(await row(idle.token)).toBeUndefined();
		expect(await row(fresh.token)).toBeDefined();
	});

	it('a wrong secret, a truncated token or another session id never authenticates', async () => {
		const s = await createSession(db(), userId);
		const { id, secret } = splitToken(s.token)!;
		expect(await validateSession(db(), `${id}.${secret.slice(0, -1)}x`)).toBeNull();
		expect(await validateSession(db(), id)).toBeNull();
		expect(await validateSession(db(), `${id}.`)).toBeNull();
		expect(await validateSession(db(), `sother.${secret}`)).toBeNull();
	});

	it('the database holds no usable session or key token', async () => {
		const s = await createSession(db(), userId);
		const r = await row(s.token);
		const { secret } = splitToken(s.token)!;
		expect(r.secretHash).toBe(hashSecret(secret));
		expect(r.secretHash).not.toContain(secret);
		// What a thief of the table could try: the stored hash as the secret, or the row as a token.
		expect(await validateSession(db(), `${r.id}.${r.secretHash}`)).toBeNull();
		expect(await validateSession(db(), `${r.id}.${r.secretHash.slice(0, 32)}`)).toBeNull();

		const key = await createKey(db(), { name: 'portal', role: 'read', scopeCode: '46' });
		const [k] = await db().db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
		expect(JSON.stringify(k)).not.toContain(splitToken(key.token.slice(4))!.secret);
		expect(await verifyKey(db(), `mcl_${k.id}.${k.secretHash}`)).toBeNull();
		expect(await verifyKey(db(), `${k.id}.${k.secretHash}`)).toBeNull();
		expect(await verifyKey(db(), key.token)).toMatchObject({
			kind: 'key',
			role: 'read',
			scopeCode: '46'
		});
	});

	it('a revoked key stops authenticating at once; listKeys shows when', async () => {
		const key = await createKey(db(), { name: 'to-revoke', role: 'display', scopeCode: '46001' });
		expect(await verifyKey(db(), key.token)).not.toBeNull();
		expect(await revokeKey(db(), key.id)).toMatchObject({ id: key.id, role: 'display' });
		expect(await verifyKey(db(), key.token)).toBeNull();
		expect(await revokeKey(db(), key.id)).toBeNull();
		const listed = (await listKeys(db(), 'display')).find((k) => k.id === key.id)!;
		expect(listed.revokedAt).toBeInstanceOf(Date);
		expect(listed.lastUsedAt).toBeInstanceOf(Date);
	});

	it('logout ends one session only', async () => {
		const a = await createSession(db(), userId);
		const b = await createSession(db(), userId);
		await invalidateSession(db(), splitToken(a.token)!.id);
		expect(await validateSession(db(), a.token)).toBeNull();
		expect(await validateSession(db(), b.token)).not.toBeNull();
	});

	it('disabling a user ends every session and refuses login; enabling allows a new login', async () => {
		const { id } = await createUser(db(), {
			username: 'tam-khoa',
			role: 'unit',
			scopeCode: '46001',
			password: PASSWORD
		});
		const a = await createSession(db(), id);
		expect(await setUserDisabled(db(), 'tam-khoa', true)).toBe(true);
		expect(await db().db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
		expect(await validateSession(db(), a.token)).toBeNull();
		expect(await login(db(), 'tam-khoa', PASSWORD)).toBeNull();
		await setUserDisabled(db(), 'tam-khoa', false);
		expect(await login(db(), 'tam-khoa', PASSWORD)).not.toBeNull();
		expect(await setUserDisabled(db(), 'nobody', true)).toBe(false);
	});

	it('changing the password needs the current one, ends every other session and issues a fresh one', async () => {
		const { id } = await createUser(db(), {
			username: 'doi-mk',
			role: 'supervisor',
			scopeCode: '46',
			password: PASSWORD
		});
		const here = await createSession(db(), id);
		const elsewhere = await createSession(db(), id);
		expect(await changePassword(db(), id, 'sai-mật-khẩu', 'một-mật-khẩu-mới-đủ-dài')).toEqual({
			ok: false,
			error: 'wrong_current'
		});
		expect(await changePassword(db(), id, PASSWORD, 'ngắn')).toEqual({ ok: false, error: 'weak' });
		expect(await changePassword(db(), id, PASSWORD, PASSWORD)).toEqual({
			ok: false,
			error: 'same'
		});
		expect(await validateSession(db(), elsewhere.token)).not.toBeNull(); // refusals change nothing
		const r = await changePassword(db(), id, PASSWORD, 'một-mật-khẩu-mới-đủ-dài');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(await validateSession(db(), here.token)).toBeNull();
		expect(await validateSession(db(), elsewhere.token)).toBeNull();
		expect(await validateSession(db(), r.token)).toMatchObject({ username: 'doi-mk' });
		expect(await login(db(), 'doi-mk', PASSWORD)).toBeNull();
		expect(await login(db(), 'doi-mk', 'một-mật-khẩu-mới-đủ-dài')).not.toBeNull();
		const [u] = await db().db.select().from(users).where(eq(users.id, id));
		expect(u.passwordHash).toMatch(/^\$argon2id\$/);
	});

	it('an admin reset gives a generated password once and ends every session', async () => {
		const { id } = await createUser(db(), {
			username: 'quen-mk',
			role: 'unit',
			scopeCode: '46002',
			password: PASSWORD
		});
		const s = await createSession(db(), id);
		const fresh = await resetPassword(db(), 'quen-mk');
		expect(fresh).toMatch(/^[a-z2-7]{20}$/);
		expect(await validateSession(db(), s.token)).toBeNull();
		expect(await login(db(), 'quen-mk', PASSWORD)).toBeNull();
		expect(await login(db(), 'quen-mk', fresh!)).not.toBeNull();
		expect(await resetPassword(db(), 'nobody')).toBeNull();
	});
});
