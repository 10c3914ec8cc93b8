/**
 * Login throttling through the real login form action (src/routes/login):
 * 5 failures per username and 20 per IP in 15 minutes, then 429 with
 * Retry-After — the right password too; success clears the username's
 * failures; every outcome is in the audit log.
 */
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createTestApp, importCsv, type TestDb } from './harness.ts';
import { TREE_CSV } from './units.fixture.ts';
import { setApp } from '../../src/lib/server/app.ts';
import { listAudit } from '../../src/lib/server/queries/audit.ts';
import { attemptLogin } from '../../src/lib/server/auth/login.ts';
import {
	checkThrottle,
	MAX_PER_IP,
	MAX_PER_USERNAME,
	pruneFailures,
	recordFailure,
	WINDOW_MS
} from '../../src/lib/server/auth/throttle.ts';
import { createUser } from '../../src/lib/server/auth/users.ts';
import { loginFailures } from '../../src/lib/server/db/schema.ts';
import { actions } from '../../src/routes/login/+page.server.ts';

const PASSWORD = 'mật-khẩu-đúng-123';

/** Submits the login form as SvelteKit would; returns the status, headers and cookie set. */
async function submit(username: string, password: string, ip: string) {
	const headers: Record<string, string> = {};
	let cookie: string | null = null;
	const body = new URLSearchParams({ username, password });
	const event = {
		request: new Request('http://test.local/login', {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		}),
		url: new URL('http://test.local/login?next=/units/46'),
		getClientAddress: () => ip,
		setHeaders: (h: Record<string, string>) => Object.assign(headers, h),
		cookies: { set: (_name: string, value: string) => (cookie = value) }
	};
	try {
		const r = await (actions.default as unknown as (e: typeof event) => Promise<unknown>)(event);
		if (isActionFailure(r))
			return { status: r.status, data: r.data as unknown as { error: string }, headers, cookie };
		throw new Error('the login action neither failed nor redirected');
	} catch (err) {
		if (isRedirect(err)) return { status: err.status, location: err.location, headers, cookie };
		throw err;
	}
}

describe.each(BACKENDS)('login throttling on %s', (backend) => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestApp(backend);
		setApp(t.app);
		await importCsv(t.app, TREE_CSV);
		for (const u of ['an', 'binh', 'chi'])
			await createUser(t.app.database, {
				username: u,
				role: 'supervisor',
				scopeCode: '46',
				password: PASSWORD
			});
	});
	afterAll(() => t?.drop());

	it('the right password logs in: 303 to next, a session cookie, audit `login`', async () => {
		const r = await submit('an', PASSWORD, '10.0.0.1');
		expect(r.status).toBe(303);
		expect(r.location).toBe('/units/46');
		expect(r.cookie).toMatch(/^s[a-z2-7]{16}\.[a-z2-7]{32}$/);
		const [entry] = await listAudit(t.app.database, { action: 'login' });
		expect(entry).toMatchObject({ actor: 'user:an', action: 'login', ip: '10.0.0.1' });
	});

	it('the 6th attempt for a username gets 429 with Retry-After, even with the right password', async () => {
		for (let i = 0; i < MAX_PER_USERNAME; i++) {
			const r = await submit('binh', `sai-${i}`, `10.1.0.${i}`);
			expect(r.status).toBe(400);
		}
		const r = await submit('binh', PASSWORD, '10.1.0.99');
		expect(r.status).toBe(429);
		expect(r.data!.error).toMatch(/thử lại sau \d+ phút/);
		const retry = Number(r.headers['retry-after']);
		expect(retry).toBeGreaterThan(WINDOW_MS / 1000 - 60);
		expect(retry).toBeLessThanOrEqual(WINDOW_MS / 1000);
		expect(r.cookie).toBeNull();
		// Case does not buy a new budget.
		expect((await submit('BINH', PASSWORD, '10.1.0.98')).status).toBe(429);
		// Another username from the same addresses is unaffected.
		expect((await submit('an', PASSWORD, '10.1.0.99')).status).toBe(303);
		const failed = await listAudit(t.app.database, { action: 'login.failed', q: 'binh' });
		expect(failed).toHaveLength(MAX_PER_USERNAME);
		expect(failed[0]).toMatchObject({ actor: 'anonymous', target: 'binh' });
		const throttled = await listAudit(t.app.database, { action: 'login.throttled' });
		expect(throttled.length).toBeGreaterThanOrEqual(2);
		expect(throttled[0].detail).toMatchObject({ by: 'username' });
	});

	it('the throttle lifts once the failures leave the 15-minute window', async () => {
		const now = new Date();
		expect(await checkThrottle(t.app.database, 'binh', '10.9.9.9', now)).toMatchObject({
			throttled: true,
			by: 'username'
		});
		expect(
			await checkThrottle(
				t.app.database,
				'binh',
				'10.9.9.9',
				new Date(now.getTime() + WINDOW_MS + 1000)
			)
		).toEqual({ throttled: false });
		const r = await attemptLogin(t.app.database, {
			username: 'binh',
			password: PASSWORD,
			ip: '10.9.9.9',
			now: new Date(now.getTime() + WINDOW_MS + 1000)
		});
		expect(r.ok).toBe(true);
	});

	it('per IP: 20 failures across usernames block that address, other addresses still log in', async () => {
		const ip = '192.0.2.7';
		for (let i = 0; i < MAX_PER_IP; i++)
			expect((await submit(`khong-co-${i % 7}-${i}`, 'sai', ip)).status).toBe(400);
		const r = await submit('chi', PASSWORD, ip);
		expect(r.status).toBe(429);
		expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
		expect((await submit('chi', PASSWORD, '192.0.2.8')).status).toBe(303);
		const [last] = await listAudit(t.app.database, { action: 'login.throttled' });
		expect(last).toMatchObject({ target: 'chi', ip, detail: { by: 'ip' } });
	});

	it('a successful login clears the username failures; old rows are pruned', async () => {
		const now = new Date();
		for (let i = 0; i < MAX_PER_USERNAME - 1; i++)
			await recordFailure(t.app.database, 'an', '10.3.0.1', now);
		expect((await submit('an', PASSWORD, '10.3.0.1')).status).toBe(303);
		// Four more failures would now be fine again: the budget is whole.
		for (let i = 0; i < MAX_PER_USERNAME - 1; i++)
			expect((await submit('an', 'sai', '10.3.0.2')).status).toBe(400);
		expect((await submit('an', PASSWORD, '10.3.0.2')).status).toBe(303);

		await recordFailure(
			t.app.database,
			'cu',
			'10.4.0.1',
			new Date(now.getTime() - WINDOW_MS - 60_000)
		);
		await pruneFailures(t.app.database, now);
		const left = await t.app.database.db.select().from(loginFailures);
		expect(left.every((f) => f.at.getTime() >= now.getTime() - WINDOW_MS)).toBe(true);
	});

	it('an empty form is refused without counting', async () => {
		const r = await submit('', '', '10.5.0.1');
		expect(r.status).toBe(400);
		expect(r.data!.error).toContain('Vui lòng nhập');
	});
});
