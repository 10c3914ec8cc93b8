/**
 * Shared steps of every admin form action: the caller must be an admin (checked
 * again here, beyond the route guard), the form is validated with zod, and the
 * change is audited with who and from where.
 */
import { error, fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { readForm } from '../api/form.ts';
import { getApp } from '../app.ts';
import type { Database } from '../db/index.ts';
import { getUnit } from '../queries/units.ts';
import { actorOf, audit } from './audit.ts';
import { requireAdmin } from './guard.ts';

/** What every refused admin form answers: a message (Vietnamese) and the field at fault. */
export type FormFailure = ActionFailure<{ error: string; field: string }>;

export type AdminContext = { database: Database; actor: string; ip: string; form: FormData };

export async function adminContext(event: RequestEvent): Promise<AdminContext> {
	const user = requireAdmin(event.locals.user);
	const { database } = await getApp();
	const read = await readForm(event.request);
	if (!read.ok) error(400, read.error);
	return { database, actor: actorOf(user), ip: event.getClientAddress(), form: read.form };
}

/** The form's string fields (files and missing fields left out: zod reports them). */
export function fields(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
	return out;
}

/** Parses or returns `fail(400, {error})` with the first problem in Vietnamese. */
export function parseForm<T extends z.ZodType>(
	schema: T,
	form: FormData
): { ok: true; data: z.infer<T> } | { ok: false; failure: FormFailure } {
	const r = schema.safeParse(fields(form));
	if (r.success) return { ok: true, data: r.data };
	const issue = r.error.issues[0];
	return {
		ok: false,
		failure: fail(400, { error: issue.message, field: String(issue.path[0] ?? '') })
	};
}

export const unitCode = z
	.string({ error: 'Vui lòng nhập mã đơn vị.' })
	.trim()
	.min(1, 'Vui lòng nhập mã đơn vị.')
	.max(32, 'Mã đơn vị quá dài.')
	.regex(/^[A-Za-z0-9._-]+$/, 'Mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới.');

/** `fail(400)` unless the unit exists. */
export async function unitExists(database: Database, code: string): Promise<FormFailure | null> {
	return (await getUnit(database, code))
		? null
		: fail(400, { error: `Không có đơn vị mã "${code}".`, field: 'scope' });
}

export async function record(
	ctx: AdminContext,
	action: string,
	target: string,
	detail?: Record<string, unknown>
): Promise<void> {
	await audit(ctx.database, {
		actor: ctx.actor,
		action,
		target,
		ip: ctx.ip,
		detail: detail ?? null
	});
}
