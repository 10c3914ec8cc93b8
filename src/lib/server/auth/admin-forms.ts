/**
 * Shared steps of every admin form action: the caller must be an admin (checked
 * again here, beyond the route guard), the form is validated with zod in the
 * request's language (its schema built for each: byLang), and the change is
 * audited with who and from where.
 */
import { error, fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { fill, langOf, type Lang } from '../../client/i18n.ts';
import { ERROR_STRINGS } from '../../client/strings/errors.ts';
import { byLang, FORM_STRINGS, type FormStrings } from '../../client/strings/forms.ts';

import { readForm } from '../api/form.ts';
import { getApp } from '../app.ts';
import type { Database } from '../db/index.ts';
import { getUnit } from '../queries/units.ts';
import { actorOf, audit } from './audit.ts';
import { revokeKey, type KeyListItem } from './keys.ts';
import { requireAdmin } from './guard.ts';

/** What every refused admin form answers: a message (in the request's language) and the field at fault. */
export type FormFailure = ActionFailure<{ error: string; field: string }>;

export type AdminContext = {
	database: Database;
	actor: string;
	ip: string;
	form: FormData;
	lang: Lang;
	/** The form messages of the request's language. */
	m: FormStrings;
};

export async function adminContext(event: RequestEvent): Promise<AdminContext> {
	const lang = langOf(event.url);
	const user = requireAdmin(event.locals.user, lang);
	const { database } = await getApp();
	const read = await readForm(event.request, lang);
	if (!read.ok) error(400, read.error);
	const form = read.form;
	return {
		database,
		actor: actorOf(user),
		ip: event.getClientAddress(),
		form,
		lang,
		m: FORM_STRINGS[lang]
	};
}

/** `fail(status, {error, field})` with a message of the request's language. */
export function refuse(
	status: 400 | 404,
	error: string,
	values: Record<string, string | number> = {},
	field = ''
): FormFailure {
	return fail(status, { error: fill(error, values), field });
}

/** The form's string fields (files and missing fields left out: zod reports them). */
export function fields(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
	return out;
}

/** Parses or returns `fail(400, {error})` with the first problem (the schema's messages: see byLang). */
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

/** A unit code field. */
export const unitCode = (m: FormStrings) =>
	z
		.string({ error: m.unitRequired })
		.trim()
		.min(1, m.unitRequired)
		.max(32, m.unitTooLong)
		.regex(/^[A-Za-z0-9._-]+$/, m.unitChars);

/** An API key's id (a display link is one too). */
const keyId = (m: FormStrings) =>
	z
		.string()
		.trim()
		.regex(/^k[a-z0-9]{16}$/, m.keyId);

/** `fail(400)` unless the unit exists. */
export async function unitExists(ctx: AdminContext, code: string): Promise<FormFailure | null> {
	return (await getUnit(ctx.database, code))
		? null
		: refuse(400, ERROR_STRINGS[ctx.lang].noUnit, { code }, 'scope');
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

const Revoke = byLang((m) => z.object({ id: keyId(m) }));

/**
 * The revoke action of the keys and the display-links pages: the key is revoked at once and
 * the revocation audited; 404 with `missing` when it is unknown, already revoked, or not `accept`ed.
 */
export async function revokeAction(
	event: RequestEvent,
	missing: (m: FormStrings) => string,
	accept: (key: KeyListItem) => boolean = () => true
): Promise<FormFailure | { revoked: string }> {
	const ctx = await adminContext(event);
	const p = parseForm(Revoke[ctx.lang], ctx.form);
	if (!p.ok) return p.failure;
	const key = await revokeKey(ctx.database, p.data.id);
	if (!key || !accept(key)) return refuse(404, missing(ctx.m));
	await record(ctx, 'key.revoke', key.id, { name: key.name, role: key.role, scope: key.scopeCode });
	return { revoked: key.id };
}
