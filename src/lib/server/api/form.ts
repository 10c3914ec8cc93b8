/**
 * Reading a form action's body. SvelteKit lets `text/plain` through to the
 * action (it is a form encoding for its CSRF check) and `request.formData()`
 * throws on it and on a malformed multipart body — both were 500s. Here a body
 * that is not a form, or a field that is not safe text (NUL, a lone
 * surrogate), is an answer the action turns into a 400 with the form again.
 */
import { unsafeTextReason } from '../../domain/text/safe.ts';

export type FormRead = { ok: true; form: FormData } | { ok: false; error: string };

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

export async function readForm(request: Request): Promise<FormRead> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!FORM_TYPES.has(type))
		return {
			ok: false,
			error:
				'Biểu mẫu gửi lên không đúng định dạng (cần application/x-www-form-urlencoded hoặc multipart/form-data).'
		};
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { ok: false, error: 'Không đọc được biểu mẫu gửi lên (nội dung bị hỏng).' };
	}
	for (const [name, value] of form.entries()) {
		if (typeof value === 'string' && (unsafeTextReason(name) ?? unsafeTextReason(value))) {
			return {
				ok: false,
				error: 'Biểu mẫu chứa ký tự không hợp lệ (ký tự NUL hoặc mã Unicode hỏng).'
			};
		}
	}
	return { ok: true, form };
}
