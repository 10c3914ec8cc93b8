/** Small HTTP helpers shared by the API handlers (framework-free: Request in, Response out). */
import { isValidDay } from '../../domain/figures/period.ts';
import type { App } from '../app.ts';
import { resolvePrincipal } from '../auth/principal.ts';
import { canRead, type Principal } from '../auth/roles.ts';
import { getUnit, inScope, type UnitInfo } from '../queries/units.ts';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }
	});
}

export function problem(status: number, error: string, extra: Record<string, unknown> = {}): Response {
	return json(status, { error, ...extra });
}

/** Thrown by guards; handlers turn it into its response. */
export class HttpError extends Error {
	readonly response: Response;
	constructor(response: Response) {
		super(`HTTP ${response.status}`);
		this.response = response;
	}
}

export async function handle(fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (err) {
		if (err instanceof HttpError) return err.response;
		throw err;
	}
}

export async function requireReader(app: App, request: Request, principal?: Principal | null): Promise<Principal> {
	const p = principal === undefined ? await resolvePrincipal(app.database, request) : principal;
	if (!p) throw new HttpError(problem(401, 'authentication required: a session or `Authorization: Bearer <key>`'));
	if (!canRead(p)) throw new HttpError(problem(403, 'this credential may not read figures'));
	return p;
}

/** The unit named by `code`, which must exist and lie inside the principal's scope. */
export async function requireUnitInScope(app: App, principal: Principal, code: string | null, param = 'unit'): Promise<UnitInfo> {
	if (!code) throw new HttpError(problem(400, `query parameter \`${param}\` is required`));
	const unit = await getUnit(app.database, code);
	if (!unit) throw new HttpError(problem(404, `unknown unit "${code}"`));
	if (!inScope(unit, principal.scopeCode)) throw new HttpError(problem(403, `unit "${code}" is outside your scope`));
	return unit;
}

export function requirePeriod(url: URL): { from: string; to: string } {
	const from = url.searchParams.get('from');
	const to = url.searchParams.get('to');
	const errors: string[] = [];
	if (!from) errors.push('`from` is required (YYYY-MM-DD)');
	else if (!isValidDay(from)) errors.push(`\`from\` must be a date YYYY-MM-DD, got "${from}"`);
	if (!to) errors.push('`to` is required (YYYY-MM-DD)');
	else if (!isValidDay(to)) errors.push(`\`to\` must be a date YYYY-MM-DD, got "${to}"`);
	if (errors.length === 0 && from! > to!) errors.push('`from` must not be after `to`');
	if (errors.length > 0) throw new HttpError(problem(400, errors.join('; ')));
	return { from: from!, to: to! };
}
