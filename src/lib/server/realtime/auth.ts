/**
 * Who may open a live connection (docs/api.md#live): an API key of role `read` or
 * `display` in `auth.token`, or the dashboard's session cookie. A refusal is
 * an Error whose message says why (the client sees it in `connect_error`).
 * Cookies are ambient, so with one the handshake must come from our own origin.
 */
import type { ExtendedError, Socket } from 'socket.io';
import type { LiveSocket } from './types.ts';
import type { Database } from '../db/index.ts';
import { verifyKey } from '../auth/keys.ts';
import { cookieFromHeader } from '../auth/principal.ts';
import type { Principal } from '../auth/roles.ts';
import { SESSION_COOKIE, validateSession } from '../auth/sessions.ts';
import { errorFields, logger } from '../log.ts';

type Handshake = Socket['handshake'];

function refusal(message: string, code: string): ExtendedError {
	const err: ExtendedError = new Error(message);
	err.data = { code };
	return err;
}

/** A browser's cross-site handshake must not ride on the session cookie. */
function sameOrigin(h: Handshake): boolean {
	const origin = h.headers.origin;
	if (!origin) return true; // not a browser page (or a same-origin request that omits it)
	if (process.env.ORIGIN && origin === process.env.ORIGIN.replace(/\/$/, '')) return true;
	let host: string;
	try {
		host = new URL(origin).host;
	} catch {
		return false;
	}
	const forwarded = String(h.headers['x-forwarded-host'] ?? '')
		.split(',')[0]
		.trim();
	return host === h.headers.host || (forwarded !== '' && host === forwarded);
}

export async function authenticate(database: Database, h: Handshake): Promise<Principal> {
	const token: unknown = h.auth?.token;
	if (token !== undefined && token !== null && token !== '') {
		if (typeof token !== 'string')
			throw refusal('auth.token must be a string (an API key)', 'bad_token');
		const key = await verifyKey(database, token);
		if (!key) throw refusal('invalid or revoked API key', 'invalid_key');
		if (key.role !== 'read' && key.role !== 'display') {
			throw refusal(
				`this key has role "${key.role}"; live updates need a key of role "read" or "display"`,
				'wrong_role'
			);
		}
		return key;
	}
	const session = cookieFromHeader(h.headers.cookie, SESSION_COOKIE);
	if (session) {
		if (!sameOrigin(h))
			throw refusal(`cross-origin connection refused (origin ${h.headers.origin})`, 'bad_origin');
		const user = await validateSession(database, session);
		if (!user)
			throw refusal('the session is invalid or has expired; log in again', 'invalid_session');
		return user;
	}
	throw refusal(
		'authentication required: a session cookie, or auth.token with an API key of role "read" or "display"',
		'no_credentials'
	);
}

/** `io.use` middleware: the principal goes to `socket.data.principal`. */
export function authMiddleware(database: Database) {
	return (socket: LiveSocket, next: (err?: ExtendedError) => void): void => {
		authenticate(database, socket.handshake).then(
			(principal) => {
				socket.data.principal = principal;
				next();
			},
			(err: ExtendedError) => {
				if (err.data?.code) return next(err);
				logger.warn({ err: errorFields(err) }, 'realtime: authentication failed');
				next(refusal('authentication is unavailable right now; retry later', 'unavailable'));
			}
		);
	};
}
