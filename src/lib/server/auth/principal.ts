/** Who is calling: an API key in `Authorization: Bearer …`, or a session cookie. */
import type { Database } from '../db/index.ts';
import { verifyKey } from './keys.ts';
import type { Principal } from './roles.ts';
import { SESSION_COOKIE, validateSession } from './sessions.ts';

export function bearerToken(request: Request): string | null {
	const h = request.headers.get('authorization');
	const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
	return m ? m[1] : null;
}

/** A cookie of a `Cookie` header; a value with broken percent-encoding counts as absent (no session), never as an error. */
export function cookieFromHeader(header: string | null | undefined, name: string): string | null {
	for (const part of (header ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return null;
			}
		}
	}
	return null;
}

export function cookieValue(request: Request, name: string): string | null {
	return cookieFromHeader(request.headers.get('cookie'), name);
}

export async function resolvePrincipal(
	database: Database,
	request: Request
): Promise<Principal | null> {
	const bearer = bearerToken(request);
	if (bearer) return verifyKey(database, bearer);
	const session = cookieValue(request, SESSION_COOKIE);
	return session ? validateSession(database, session) : null;
}
