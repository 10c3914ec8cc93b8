/** POST/GET /api/v1/snapshots, GET/DELETE /api/v1/snapshots/ID (docs/api.md#snapshots). */
import { z } from 'zod';
import { unsafeTextReason } from '../../domain/text/safe.ts';
import { isValidDay } from '../../domain/figures/period.ts';
import type { App } from '../app.ts';
import { actorOf, audit } from '../auth/audit.ts';
import { resolvePrincipal } from '../auth/principal.ts';
import { toCsv, toXlsx } from '../export/received-resolved.ts';
import {
	createSnapshot,
	deleteSnapshot,
	listSnapshots,
	snapshotBody,
	TITLE_MAX,
	type Snapshot
} from '../queries/snapshots.ts';
import { getUnit, inScope } from '../queries/units.ts';
import { handle, HttpError, json, problem, requireReader, requireUnitInScope } from './http.ts';

const MAX_BODY = 16 * 1024;
const day = z.string().refine(isValidDay, 'must be a real date YYYY-MM-DD between 1990 and 2100');
/** The body of POST /api/v1/snapshots (also in the OpenAPI document, openapi.ts). */
export const Create = z
	.object({
		unit: z.string().min(1).max(32),
		from: day,
		to: day,
		title: z
			.string()
			.trim()
			.min(1, 'is required')
			.max(TITLE_MAX, `must be at most ${TITLE_MAX} characters`)
			.refine((t) => unsafeTextReason(t) === null, 'must be valid text without NUL')
	})
	.refine((b) => b.from <= b.to, { message: '`from` must not be after `to`', path: ['to'] });

/** Creating one needs a signed-in user (any role) whose scope holds the unit: keys cannot. */
export function postSnapshot(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const principal = await resolvePrincipal(app.database, request);
		if (!principal) throw new HttpError(problem(401, 'sign in to create a snapshot'));
		if (principal.kind !== 'user')
			throw new HttpError(problem(403, 'API keys cannot create snapshots: a signed-in user must'));
		const text = await request.text();
		if (text.length > MAX_BODY)
			throw new HttpError(problem(413, `the body exceeds ${MAX_BODY} bytes`));
		let raw: unknown;
		try {
			raw = JSON.parse(text);
		} catch (err) {
			throw new HttpError(problem(400, `invalid JSON: ${(err as Error).message}`));
		}
		const parsed = Create.safeParse(raw);
		if (!parsed.success) {
			const errors = parsed.error.issues.map((i) => ({
				path: i.path.join('.'),
				message: i.message
			}));
			throw new HttpError(json(400, { error: `${errors[0].path}: ${errors[0].message}`, errors }));
		}
		const b = parsed.data;
		const unit = await requireUnitInScope(app, principal, b.unit);
		const created = await createSnapshot(
			app,
			unit,
			b.from,
			b.to,
			b.title,
			principal.username,
			principal.scopeCode
		);
		await audit(app.database, {
			actor: actorOf(principal),
			action: 'snapshot.create',
			target: created.id,
			ip: null,
			detail: { unit: unit.code, from: b.from, to: b.to, sha256: created.sha256 }
		});
		return json(201, created);
	});
}

export function getSnapshots(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const url = new URL(request.url);
		const principal = await requireReader(app, request);
		const unit = await requireUnitInScope(app, principal, url.searchParams.get('unit'));
		return json(200, { items: await listSnapshots(app.database, unit.code) });
	});
}

/** The stored text, byte for byte; 404 when unknown or outside the caller's scope. */
export function getSnapshot(app: App, request: Request, id: string): Promise<Response> {
	return handle(request, async () => {
		const principal = await requireReader(app, request);
		const found = /^snp_[a-z2-7]{16}$/.test(id) ? await snapshotBody(app.database, id) : null;
		const unit = found ? await getUnit(app.database, found.unit) : null;
		if (!found || !unit || !inScope(unit, principal.scopeCode))
			throw new HttpError(problem(404, `no snapshot "${id}" in your scope`));
		const format = new URL(request.url).searchParams.get('format') ?? 'json';
		if (format === 'json')
			return new Response(found.body, {
				status: 200,
				headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
			});
		if (format !== 'csv' && format !== 'xlsx')
			throw new HttpError(problem(400, '`format` must be json, csv or xlsx'));
		// The form as it was frozen: the report's table rows (with the unit's own counter), not the live figures.
		const s = JSON.parse(found.body) as Snapshot;
		const t = {
			unit: s.unit,
			name: s.report.unit.name,
			from: s.from,
			to: s.to,
			rows: s.report.table.rows,
			total: s.report.table.total
		};
		await audit(app.database, {
			actor: actorOf(principal),
			action: 'export',
			target: `/api/v1/snapshots/${id}?format=${format}`,
			ip: null,
			detail: { snapshot: id, format }
		});
		const file = `II06a_${s.unit}_${s.from}_${s.to}_chot_${id}`;
		if (format === 'csv')
			return new Response(toCsv(t), {
				headers: {
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': `attachment; filename="${file}.csv"`,
					'cache-control': 'no-store'
				}
			});
		return new Response(new Uint8Array(await toXlsx(t)), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': `attachment; filename="${file}.xlsx"`,
				'cache-control': 'no-store'
			}
		});
	});
}

/** Only an admin deletes, and it is audited. */
export function removeSnapshot(app: App, request: Request, id: string): Promise<Response> {
	return handle(request, async () => {
		const principal = await resolvePrincipal(app.database, request);
		if (!principal) throw new HttpError(problem(401, 'sign in as an admin to delete a snapshot'));
		if (principal.kind !== 'user' || principal.role !== 'admin')
			throw new HttpError(problem(403, 'only an admin may delete a snapshot'));
		const found = /^snp_[a-z2-7]{16}$/.test(id) ? await snapshotBody(app.database, id) : null;
		const unit = found ? await getUnit(app.database, found.unit) : null;
		if (!found || !unit || !inScope(unit, principal.scopeCode))
			throw new HttpError(problem(404, `no snapshot "${id}" in your scope`));
		await deleteSnapshot(app.database, id);
		await audit(app.database, {
			actor: actorOf(principal),
			action: 'snapshot.delete',
			target: id,
			ip: null,
			detail: { unit: found.unit }
		});
		return new Response(null, { status: 204 });
	});
}
