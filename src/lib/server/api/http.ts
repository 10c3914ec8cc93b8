/** Small HTTP helpers shared by the API handlers (framework-free: Request in, Response out). */
import { isValidDay } from '../../domain/figures/period.ts';
import { MAX_YEAR, MIN_YEAR } from '../../domain/events/instant.ts';
import { unsafeUrlReason } from '../../domain/text/safe.ts';
import type { App } from '../app.ts';
import { classifyDbError, isDbError } from '../db/errors.ts';
import { countDbError } from '../metrics.ts';
import { resolvePrincipal } from '../auth/principal.ts';
import { canRead, type Principal } from '../auth/roles.ts';
import { getUnit, inScope, type UnitInfo } from '../queries/units.ts';

export function json(
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			...headers
		}
	});
}

export function problem(
	status: number,
	error: string,
	extra: Record<string, unknown> = {},
	headers: Record<string, string> = {}
): Response {
	return json(status, { error, ...extra }, headers);
}

/** Thrown by guards; handlers turn it into its response. */
export class HttpError extends Error {
	readonly response: Response;
	constructor(response: Response) {
		super(`HTTP ${response.status}`);
		this.response = response;
	}
}

/** Seconds a client should wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

export function unavailable(): Response {
	return problem(
		503,
		'the database cannot be reached right now; retry later',
		{},
		{ 'retry-after': String(RETRY_AFTER_SECONDS) }
	);
}

/**
 * The answer to an error no guard turned into one: the database being away is
 * 503 + Retry-After, a value the database cannot hold is 400; anything else
 * is a bug and is rethrown (SvelteKit logs it and answers 500 without details).
 */
export function errorResponse(err: unknown): Response {
	if (err instanceof HttpError) return err.response;
	const kind = classifyDbError(err);
	if (kind !== 'internal' || isDbError(err)) countDbError(err);
	if (kind === 'unavailable') return unavailable();
	if (kind === 'bad_input')
		return problem(400, 'a value in the request is outside what can be stored or compared');
	throw err;
}

/** Refuses an unsafe URL (NUL in a parameter, broken percent-encoding), then runs `fn`, mapping its errors. */
export async function handle(request: Request, fn: () => Promise<Response>): Promise<Response> {
	const unsafe = unsafeUrlReason(new URL(request.url));
	if (unsafe) return problem(400, unsafe);
	try {
		return await fn();
	} catch (err) {
		return errorResponse(err);
	}
}

export async function requireReader(
	app: App,
	request: Request,
	principal?: Principal | null
): Promise<Principal> {
	const p = principal === undefined ? await resolvePrincipal(app.database, request) : principal;
	if (!p)
		throw new HttpError(
			problem(401, 'authentication required: a session or `Authorization: Bearer <key>`')
		);
	if (!canRead(p)) throw new HttpError(problem(403, 'this credential may not read figures'));
	return p;
}

/** The unit named by `code`, which must exist and lie inside the principal's scope. */
export async function requireUnitInScope(
	app: App,
	principal: Principal,
	code: string | null,
	param = 'unit'
): Promise<UnitInfo> {
	if (!code) throw new HttpError(problem(400, `query parameter \`${param}\` is required`));
	const unit = await getUnit(app.database, code);
	if (!unit) throw new HttpError(problem(404, `unknown unit "${code}"`));
	if (!inScope(unit, principal.scopeCode))
		throw new HttpError(problem(403, `unit "${code}" is outside your scope`));
	return unit;
}

export function requirePeriod(url: URL): { from: string; to: string } {
	const from = url.searchParams.get('from');
	const to = url.searchParams.get('to');
	const errors: string[] = [];
	const days = `a real date YYYY-MM-DD between ${MIN_YEAR} and ${MAX_YEAR}`;
	if (!from) errors.push('`from` is required (YYYY-MM-DD)');
	else if (!isValidDay(from)) errors.push(`\`from\` must be ${days}, got "${from}"`);
	if (!to) errors.push('`to` is required (YYYY-MM-DD)');
	else if (!isValidDay(to)) errors.push(`\`to\` must be ${days}, got "${to}"`);
	if (errors.length === 0 && from! > to!) errors.push('`from` must not be after `to`');
	if (errors.length > 0) throw new HttpError(problem(400, errors.join('; ')));
	return { from: from!, to: to! };
}
