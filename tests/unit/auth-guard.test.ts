/** The route guard's decisions (hooks.server.ts applies them before any route code). */
import { describe, expect, it } from 'vitest';
import { accessFor, decide, loginUrl, safeNext } from '../../src/lib/server/auth/guard.ts';
import type { Principal } from '../../src/lib/server/auth/roles.ts';

type User = Extract<Principal, { kind: 'user' }>;
const user = (role: User['role']): User => ({
	kind: 'user',
	id: 'u1',
	username: 'x',
	role,
	scopeCode: '38',
	sessionId: 's1'
});

describe('route guard', () => {
	it('lets only login, health, displays, the API and assets through before login', () => {
		for (const p of [
			'/login',
			'/healthz',
			'/display/38',
			'/display',
			'/api/v1/summary',
			'/api',
			'/_app/immutable/x.js',
			'/favicon.svg'
		]) {
			expect(accessFor(p), p).toBe('public');
		}
		for (const p of [
			'/',
			'/units/38',
			'/overdue',
			'/reports/x',
			'/account',
			'/logout',
			'/login2',
			'/displays',
			'/apis',
			'/healthz/x',
			'/_apps'
		]) {
			expect(accessFor(p), p).toBe('user');
		}
		for (const p of ['/admin', '/admin/users', '/admin/calendar', '/admin/anything/deeper'])
			expect(accessFor(p), p).toBe('admin');
		expect(accessFor('/administrator')).toBe('user');
	});

	it('sends anonymous visitors to the login page with the way back', () => {
		expect(decide('/units/38', '?p=today', null)).toEqual({
			allow: false,
			status: 303,
			location: '/login?next=%2Funits%2F38%3Fp%3Dtoday'
		});
		expect(decide('/', '', null)).toEqual({ allow: false, status: 303, location: '/login' });
		expect(decide('/admin/users', '', null)).toMatchObject({ status: 303 });
		expect(decide('/logout', '', null)).toEqual({ allow: true });
		expect(decide('/login', '', null)).toEqual({ allow: true });
	});

	it('refuses /admin/** to every role but admin', () => {
		for (const role of ['supervisor', 'unit'] as const) {
			expect(decide('/admin', '', user(role))).toEqual({ allow: false, status: 403 });
			expect(decide('/admin/keys', '', user(role))).toEqual({ allow: false, status: 403 });
			expect(decide('/units/38', '', user(role))).toEqual({ allow: true });
		}
		expect(decide('/admin/keys', '', user('admin'))).toEqual({ allow: true });
	});

	it('keeps `next` on this site', () => {
		expect(safeNext('/units/38?p=today')).toBe('/units/38?p=today');
		for (const bad of [
			'//evil.example',
			'/\\evil.example',
			'https://evil.example',
			'javascript:alert(1)',
			'',
			null
		])
			expect(safeNext(bad)).toBe('/');
		expect(loginUrl('/')).toBe('/login');
	});
});
