/**
 * What a database error means for the caller — the one place that maps them:
 * `unavailable` (the server is away, restarting, read-only or overloaded: the
 * client retries, 503 + Retry-After), `bad_input` (a value the database cannot
 * hold slipped past validation: 400), or `internal` (a bug: 500, logged).
 * Also what may be logged of one: its SQLSTATE (or driver code) and the
 * statement's first words — never its parameters, which hold citizens' data.
 */

export type DbErrorKind = 'unavailable' | 'bad_input' | 'internal';

const DRIVER_UNAVAILABLE = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT'
]);

/** The error and its causes (drizzle wraps the driver's error in `cause`). */
function* chain(err: unknown): Generator<Record<string, unknown>> {
	let e = err;
	for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
		yield e as Record<string, unknown>;
		e = (e as { cause?: unknown }).cause;
	}
}

/** The SQLSTATE or driver code of the innermost error that has one, else null. */
export function dbErrorCode(err: unknown): string | null {
	let code: string | null = null;
	for (const e of chain(err)) if (typeof e.code === 'string' && e.code) code = e.code;
	return code;
}

function kindOfCode(code: string): DbErrorKind | null {
	// 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown, 57P01 admin terminate)
	if (/^(08|53|57)/.test(code)) return 'unavailable';
	// read-only transaction, serialization failure, deadlock: retrying helps
	if (code === '25006' || code === '40001' || code === '40P01') return 'unavailable';
	if (DRIVER_UNAVAILABLE.has(code)) return 'unavailable';
	// 22 data exception: invalid text, datetime or numeric out of range, NUL, bad encoding
	if (code.startsWith('22')) return 'bad_input';
	return null;
}

export function classifyDbError(err: unknown): DbErrorKind {
	for (const e of chain(err)) {
		const kind = typeof e.code === 'string' ? kindOfCode(e.code) : null;
		if (kind) return kind;
	}
	for (const e of chain(err)) {
		const message = typeof e.message === 'string' ? e.message : '';
		if (
			/connection (is )?(closed|terminated|ended)|terminating connection|ECONNREFUSED|read-only|PGlite is closed/i.test(
				message
			)
		)
			return 'unavailable';
	}
	return 'internal';
}

export function isUnavailableError(err: unknown): boolean {
	return classifyDbError(err) === 'unavailable';
}

/** Whether an error came from the database or its driver at all (so it is counted and logged as one). */
export function isDbError(err: unknown): boolean {
	for (const e of chain(err)) {
		if (typeof e.query === 'string' || typeof e.severity === 'string') return true;
		if (typeof e.code === 'string' && kindOfCode(e.code)) return true;
	}
	return false;
}

/**
 * A name for the failing statement, safe to log: its first words up to the
 * first parameter or 60 characters (`insert into events (source, …`).
 * drizzle's own message is "Failed query: <sql>\nparams: <values>" — the
 * values must never reach a log.
 */
export function dbQueryName(err: unknown): string | null {
	for (const e of chain(err)) {
		if (typeof e.query !== 'string') continue;
		const head = e.query.replace(/\s+/g, ' ').trim().split(/\$\d/)[0];
		return head.length > 60 ? `${head.slice(0, 60)}…` : head;
	}
	return null;
}

/** What may be logged of a database error. */
export function dbErrorFields(err: unknown): {
	code: string | null;
	kind: DbErrorKind;
	query: string | null;
} {
	return { code: dbErrorCode(err), kind: classifyDbError(err), query: dbQueryName(err) };
}
