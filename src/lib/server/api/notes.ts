/**
 * Notes (supervision): GET /api/v1/notes?kind=&target=, POST /api/v1/notes {kind, target, text},
 * PATCH /api/v1/notes/ID {text}. Any signed-in user may write on what lies in their scope; keys cannot.
 * Text is plain (no Markdown), valid Unicode without NUL, at most 1,000 characters; it is escaped wherever
 * it is shown (Svelte text nodes, never HTML).
 */
import { z } from 'zod';
import { unsafeTextReason } from '../../domain/text/safe.ts';
import type { App } from '../app.ts';
import { actorOf, audit } from '../auth/audit.ts';
import { resolvePrincipal } from '../auth/principal.ts';
import type { Principal } from '../auth/roles.ts';
import {
	addNote,
	editNote,
	getNote,
	noteUnitOf,
	NOTE_KINDS,
	NOTE_MAX,
	notesOf
} from '../queries/notes.ts';
import { getUnit, inScope } from '../queries/units.ts';
import { handle, HttpError, json, problem } from './http.ts';

type User = Extract<Principal, { kind: 'user' }>;
const Text = z
	.string()
	.trim()
	.min(1, 'is required')
	.max(NOTE_MAX, `must be at most ${NOTE_MAX} characters`)
	.refine((t) => unsafeTextReason(t) === null, 'must be valid text without NUL');
/** The bodies of POST /api/v1/notes and PATCH /api/v1/notes/ID (also in the OpenAPI document, openapi.ts). */
export const New = z.object({
	kind: z.enum(NOTE_KINDS),
	target: z.string().min(1).max(128),
	text: Text
});
export const Edit = z.object({ text: Text });

async function requireUser(app: App, request: Request): Promise<User> {
	const p = await resolvePrincipal(app.database, request);
	if (!p) throw new HttpError(problem(401, 'sign in to read or write notes'));
	if (p.kind !== 'user')
		throw new HttpError(
			problem(403, 'notes are written and read by signed-in users, not API keys')
		);
	return p;
}

async function body(request: Request): Promise<unknown> {
	const text = await request.text();
	if (text.length > 16_384) throw new HttpError(problem(413, 'the body exceeds 16 KB'));
	try {
		return JSON.parse(text);
	} catch (err) {
		throw new HttpError(problem(400, `invalid JSON: ${(err as Error).message}`));
	}
}

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
	const r = schema.safeParse(raw);
	if (r.success) return r.data;
	const errors = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
	throw new HttpError(json(400, { error: `${errors[0].path}: ${errors[0].message}`, errors }));
}

/** The unit the thing belongs to, in the user's scope; 404 otherwise (as for a dossier). */
async function scopedUnit(
	app: App,
	user: User,
	kind: (typeof NOTE_KINDS)[number],
	target: string
): Promise<string> {
	const code = await noteUnitOf(app.database, kind, target);
	const unit = code ? await getUnit(app.database, code) : null;
	if (!unit || !inScope(unit, user.scopeCode))
		throw new HttpError(problem(404, `no ${kind} "${target}" in your scope`));
	return unit.code;
}

export function getNotes(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const user = await requireUser(app, request);
		const url = new URL(request.url);
		const q = parse(z.object({ kind: z.enum(NOTE_KINDS), target: z.string().min(1).max(128) }), {
			kind: url.searchParams.get('kind'),
			target: url.searchParams.get('target')
		});
		await scopedUnit(app, user, q.kind, q.target);
		return json(200, { items: await notesOf(app.database, q.kind, q.target) });
	});
}

export function postNote(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const user = await requireUser(app, request);
		const b = parse(New, await body(request));
		const unit = await scopedUnit(app, user, b.kind, b.target);
		const note = await addNote(app.database, b.kind, b.target, unit, b.text, user.username);
		await audit(app.database, {
			actor: actorOf(user),
			action: 'note.add',
			target: `${b.kind}:${b.target}`,
			ip: null,
			detail: { note: note.id }
		});
		return json(201, note);
	});
}

export function patchNote(app: App, request: Request, id: string): Promise<Response> {
	return handle(request, async () => {
		const user = await requireUser(app, request);
		const b = parse(Edit, await body(request));
		const note = /^note_[a-z2-7]{13}$/.test(id) ? await getNote(app.database, id) : null;
		const unit = note ? await getUnit(app.database, note.unit) : null;
		if (!note || !unit || !inScope(unit, user.scopeCode))
			throw new HttpError(problem(404, `no note "${id}" in your scope`));
		if (note.author !== user.username && user.role !== 'admin')
			throw new HttpError(problem(403, 'only its author or an admin may edit a note'));
		const edited = await editNote(app.database, id, b.text, user.username);
		await audit(app.database, {
			actor: actorOf(user),
			action: 'note.edit',
			target: id,
			ip: null,
			detail: null
		});
		return json(200, edited);
	});
}
