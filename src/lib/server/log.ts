/**
 * Structured JSON logs (pino) on stdout: one line per request (request id,
 * method, route, status, duration) and per notable event. Errors are logged
 * through `errorFields`: a database error gives its SQLSTATE, what it means
 * and the statement's first words — never its parameters or message, which
 * can quote event payloads — and nothing reaches a client but our own words.
 *
 * LOG_LEVEL sets the level (default `info`; `silent` under the test runner
 * unless set). Loaded by server.ts, the realtime hub and the SvelteKit bundle:
 * relative imports only.
 */
import pino from 'pino';
import { dbErrorFields, isDbError } from './db/errors.ts';

function defaultLevel(): string {
	if (process.env.LOG_LEVEL) return process.env.LOG_LEVEL;
	return process.env.VITEST ? 'silent' : 'info';
}

/** What may be logged of any thrown value. */
export function errorFields(err: unknown): Record<string, unknown> {
	if (isDbError(err)) return { type: 'DatabaseError', ...dbErrorFields(err) };
	if (err instanceof Error) return { type: err.name, message: err.message, stack: err.stack };
	return { type: typeof err, message: String(err) };
}

export const logger = pino({
	level: defaultLevel(),
	base: { service: 'mot-cua-live' },
	timestamp: pino.stdTimeFunctions.isoTime,
	formatters: { level: (label) => ({ level: label }) },
	serializers: { err: errorFields }
});
