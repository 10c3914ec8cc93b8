/**
 * Notes on units, dossiers and snapshots: plain text, scoped by the unit the
 * thing belongs to; an edit keeps the earlier text in the note's history.
 */
import { sql } from 'drizzle-orm';
import { randomString } from '../auth/tokens.ts';
import type { Database } from '../db/index.ts';
import { jsonRows } from '../db/json-rows.ts';
import { inSubtree } from './subtree.ts';

export const NOTE_KINDS = ['unit', 'dossier', 'snapshot'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_MAX = 1000;

export type Note = {
	id: string;
	kind: NoteKind;
	target: string;
	unit: string;
	text: string;
	author: string;
	createdAt: string;
	editedBy: string | null;
	editedAt: string | null;
	history: { text: string; by: string; at: string }[];
};

const NOTE_JSON =
	sql.raw(`jsonb_build_object('id', id, 'kind', kind, 'target', target, 'unit', unit, 'text', text, 'author', author,
	'createdAt', created_at, 'editedBy', edited_by, 'editedAt', edited_at, 'history', history)`);

/** The unit a note on this thing is scoped by, or null when the thing is unknown. */
export async function noteUnitOf(
	database: Database,
	kind: NoteKind,
	target: string
): Promise<string | null> {
	const q =
		kind === 'unit'
			? sql`select to_jsonb(code) as j from units where code = ${target}`
			: kind === 'dossier'
				? sql`select to_jsonb(unit) as j from dossiers where code = ${target}`
				: sql`select to_jsonb(unit) as j from snapshots where id = ${target}`;
	const [unit] = await jsonRows<string>(database, q);
	return unit ?? null;
}

export async function addNote(
	database: Database,
	kind: NoteKind,
	target: string,
	unit: string,
	text: string,
	author: string
): Promise<Note> {
	const id = `note_${randomString(8)}`;
	const [n] = await jsonRows<Note>(
		database,
		sql`insert into notes (id, kind, target, unit, text, author) values (${id}, ${kind}, ${target}, ${unit}, ${text}, ${author}) returning ${NOTE_JSON} as j`
	);
	return n;
}

export async function getNote(database: Database, id: string): Promise<Note | null> {
	const [n] = await jsonRows<Note>(
		database,
		sql`select ${NOTE_JSON} as j from notes where id = ${id}`
	);
	return n ?? null;
}

/** A new text; the old one goes to the history with who wrote it and when. */
export async function editNote(
	database: Database,
	id: string,
	text: string,
	by: string
): Promise<Note | null> {
	const [n] = await jsonRows<Note>(
		database,
		sql`update notes set history = history || jsonb_build_array(jsonb_build_object('text', text, 'by', coalesce(edited_by, author), 'at', coalesce(edited_at, created_at))),
				text = ${text}, edited_by = ${by}, edited_at = now()
			where id = ${id} returning ${NOTE_JSON} as j`
	);
	return n ?? null;
}

/** Notes on one thing, oldest first. */
export async function notesOf(database: Database, kind: NoteKind, target: string): Promise<Note[]> {
	return jsonRows<Note>(
		database,
		sql`select ${NOTE_JSON} as j from notes where kind = ${kind} and target = ${target} order by created_at, id`
	);
}

/** How many notes each of these dossiers has, and the latest one's text (the overdue watch's rows). */
export async function dossierNoteSummaries(
	database: Database,
	dossiers: readonly string[]
): Promise<Map<string, { count: number; last: string }>> {
	if (dossiers.length === 0) return new Map();
	const rows = await jsonRows<{ d: string; n: number; last: string }>(
		database,
		sql`select jsonb_build_object('d', target, 'n', count(*), 'last', (array_agg(text order by created_at desc))[1]) as j
			from notes where kind = 'dossier' and target = any(array(select jsonb_array_elements_text(${JSON.stringify(dossiers)}::jsonb)))
			group by target`
	);
	return new Map(rows.map((r) => [r.d, { count: Number(r.n), last: r.last }]));
}

/** Search within a scope (admin page): newest first; `q` matches the text or the author, case-insensitively. */
export async function searchNotes(
	database: Database,
	scopeCode: string,
	q: string,
	limit = 200
): Promise<Note[]> {
	const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return jsonRows<Note>(
		database,
		sql`select ${NOTE_JSON} as j from notes n where ${inSubtree(sql`n.unit`, scopeCode)}
			${q ? sql`and (n.text ilike ${like} or n.author ilike ${like} or n.target ilike ${like})` : sql``}
			order by n.created_at desc, n.id desc limit ${limit}`
	);
}
