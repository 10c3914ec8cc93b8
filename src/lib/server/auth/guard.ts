/**
 * The route guard applied in hooks.server.ts to every request, before any
 * route code runs. Before login only the login page, the health check, the
 * wall displays (their own key check), the API (its handlers authenticate a
 * key or session and answer 401) and the build's assets answer; every other
 * path wants a signed-in user, and /admin/** an admin.
 */
import { error } from '@sveltejs/kit';
import type { Lang } from '../../client/i18n.ts';
import { ERROR_STRINGS } from '../../client/strings/errors.ts';
import type { Principal } from './roles.ts';

export type Access = 'public' | 'user' | 'admin';

/** Files of `static/` (adapter-node serves them before the hook; listed for the dev server). */
const STATIC_FILES = new Set(['/favicon.svg', '/favicon.ico', '/robots.txt']);

const under = (pathname: string, prefix: string) =>
	pathname === prefix || pathname.startsWith(`${prefix}/`);

/** What a path needs, judged on the decoded, normalised pathname SvelteKit routes with. */
export function accessFor(pathname: string): Access {
	// /metrics checks its own token or loopback caller.
	if (
		pathname === '/login' ||
		pathname === '/healthz' ||
		pathname === '/metrics' ||
		STATIC_FILES.has(pathname)
	)
		return 'public';
	if (under(pathname, '/display') || under(pathname, '/api') || pathname.startsWith('/_app/'))
		return 'public';
	if (under(pathname, '/admin')) return 'admin';
	return 'user';
}

export type GuardDecision =
	{ allow: true } | { allow: false; status: 303; location: string } | { allow: false; status: 403 };

export function decide(
	pathname: string,
	search: string,
	user: Extract<Principal, { kind: 'user' }> | null
): GuardDecision {
	const need = accessFor(pathname);
	if (need === 'public') return { allow: true };
	// Logging out needs no session (it only clears the cookie and goes to /login).
	if (!user)
		return pathname === '/logout'
			? { allow: true }
			: { allow: false, status: 303, location: loginUrl(pathname + search) };
	if (need === 'admin' && user.role !== 'admin') return { allow: false, status: 403 };
	return { allow: true };
}

export function loginUrl(next: string): string {
	return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** Same-site relative paths only (no `//host`, no `/\host`, no scheme). */
export function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
		? next
		: '/';
}

/** Re-checked by every admin load and form action (the hook already refused non-admins, in the same words). */
export function requireAdmin(
	user: App.Locals['user'],
	lang: Lang = 'vi'
): Extract<Principal, { kind: 'user' }> {
	if (!user) error(401, ERROR_STRINGS[lang].loginRequired);
	if (user.role !== 'admin') error(403, ERROR_STRINGS[lang].adminOnly);
	return user;
}
