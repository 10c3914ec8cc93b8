/**
 * Reading a form action's body. SvelteKit lets `text/plain` through to the
 * action (it is a form encoding for its CSRF check) and `request.formData()`
 * throws on it and on a malformed multipart body — both were 500s. Here a body
 * that is not a form, or a field that is not safe text (NUL, a lone
 * surrogate), is an answer the action turns into a 400 with the form again.
 */
import type { Lang } from '../../client/i18n.ts';
import { ERROR_STRINGS } from '../../client/strings/errors.ts';
import { unsafeTextReason } from '../../domain/text/safe.ts';

export type FormRead = { ok: true; form: FormData } | { ok: false; error: string };

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

export async function readForm(request: Request, lang: Lang = 'vi'): Promise<FormRead> {
	const e = ERROR_STRINGS[lang];
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!FORM_TYPES.has(type)) return { ok: false, error: e.formType };
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { ok: false, error: e.formBroken };
	}
	for (const [name, value] of form.entries()) {
		if (typeof value === 'string' && (unsafeTextReason(name) ?? unsafeTextReason(value))) {
			return { ok: false, error: e.formChars };
		}
	}
	return { ok: true, form };
}
