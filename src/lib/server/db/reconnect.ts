/**
 * One more try for a statement that met a dead pooled connection. After a
 * database restart the pool still holds connections that were cut, or whose
 * reconnect was refused a moment before the server came back: the first
 * statements on them fail at once although the database answers again. Such a
 * statement, outside a transaction, is run once more after a short pause on a
 * fresh connection — any statement when the connection was refused (it never
 * reached the server), only a read when the connection broke (a write might
 * have been applied). A statement that failed slowly (the database is really
 * away) or for any other reason is not retried: its error is the answer.
 */
import { dbErrorCode } from './errors.ts';

/** The statement never reached a server: refused, or the server was still starting (57P03 cannot_connect_now). */
const REFUSED = new Set(['ECONNREFUSED', '57P03']);
/**
 * The connection died under the statement: cut, or its backend ended by the server's shutdown or a
 * pg_terminate_backend while it sat idle in the pool (57P01 admin_shutdown, 57P02 crash_shutdown),
 * which postgres.js reports on the next statement sent on it.
 */
const BROKEN = new Set([
	'57P01',
	'57P02',
	'ECONNRESET',
	'EPIPE',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED'
]);

/** A failure this fast met a dead connection, not an unreachable server (connect_timeout is 5 s). */
export const FAST_FAILURE_MS = 1000;
export const RETRY_AFTER_MS = 100;

/** Whether a read-only statement: `select` or `with` that writes nothing. */
export function isRead(text: string): boolean {
	return /^\s*(select|with)\b/i.test(text) && !/\b(insert|update|delete|merge)\b/i.test(text);
}

export function mayRetry(err: unknown, elapsedMs: number, text: () => string): boolean {
	if (elapsedMs > FAST_FAILURE_MS) return false;
	const code = dbErrorCode(err);
	if (code === null) return false;
	return REFUSED.has(code) || (BROKEN.has(code) && isRead(text()));
}

/** Run `run`; once more after RETRY_AFTER_MS when its failure is one `mayRetry` allows. */
export async function withReconnectRetry<T>(run: () => Promise<T>, text: () => string): Promise<T> {
	const started = Date.now();
	try {
		return await run();
	} catch (err) {
		if (!mayRetry(err, Date.now() - started, text)) throw err;
	}
	await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
	return run();
}
