/**
 * The supervision workflow's operations in the OpenAPI document (openapi.ts): snapshots, notes and
 * reminders — what a supervision team writes, beside the figures it reads (openapi-operations.ts).
 */
import { Edit as NoteEdit, New as NoteCreate } from './notes.ts';
import { New as ReminderCreate } from './reminders.ts';
import { Create as SnapshotCreate } from './snapshots.ts';
import * as S from './schemas.ts';
import {
	badRequest,
	DAY,
	forbidden,
	notFound,
	problem,
	readerErrors,
	unauthorized,
	type Operation
} from './openapi-operation.ts';

export const SUPERVISION_OPERATIONS: Operation[] = [
	{
		method: 'post',
		path: '/api/v1/snapshots',
		id: 'postSnapshot',
		tag: 'Snapshots',
		summary: 'Freeze the figures of a scope and period',
		doc: 'snapshots',
		access: 'user',
		body: SnapshotCreate,
		ok: 201,
		responses: {
			201: { description: 'Frozen.', schema: S.SnapshotCreated },
			400: { description: 'Invalid body.', schema: S.FieldErrors },
			401: unauthorized,
			403: problem('An API key (keys cannot create snapshots), or the unit is out of scope.'),
			404: problem('Unknown unit.'),
			413: problem('The body exceeds 16 KB.')
		},
		example: { body: { unit: '46', ...DAY, title: 'Giám sát tháng 5/2024' } },
		invalid: { body: { unit: '46', ...DAY, title: '' } }
	},
	{
		method: 'get',
		path: '/api/v1/snapshots',
		id: 'getSnapshots',
		tag: 'Snapshots',
		summary: "The subtree's snapshots, newest first",
		doc: 'snapshots',
		access: 'read',
		query: S.UnitQuery,
		ok: 200,
		responses: { 200: { description: 'Snapshots.', schema: S.SnapshotList }, ...readerErrors },
		example: { query: { unit: '46' } },
		invalid: { query: {} }
	},
	{
		method: 'get',
		path: '/api/v1/snapshots/{id}',
		id: 'getSnapshot',
		tag: 'Snapshots',
		summary: 'One snapshot, the same bytes on every request (or its form as CSV / XLSX)',
		doc: 'snapshots',
		access: 'read',
		pathParams: { id: { description: 'The snapshot id.', example: 'snp_abcdefghijklmnop' } },
		query: S.SnapshotFormatQuery,
		ok: 200,
		responses: {
			200: { description: 'The snapshot.', schema: S.Snapshot, media: ['json', 'csv', 'xlsx'] },
			400: badRequest,
			401: unauthorized,
			403: forbidden,
			404: notFound
		},
		example: {},
		invalid: { query: { format: 'pdf' } }
	},
	{
		method: 'post',
		path: '/api/v1/notes',
		id: 'postNote',
		tag: 'Supervision',
		summary: 'Write a note on a unit, a dossier or a snapshot',
		doc: 'notes',
		access: 'user',
		body: NoteCreate,
		ok: 201,
		responses: {
			201: { description: 'The note.', schema: S.Note },
			400: { description: 'Invalid body.', schema: S.FieldErrors },
			401: unauthorized,
			403: problem('API keys cannot write notes.'),
			404: notFound,
			413: problem('The body exceeds 16 KB.')
		},
		example: { body: { kind: 'unit', target: '46001', text: 'Đã nhắc bộ phận một cửa.' } },
		invalid: { body: { kind: 'unit', target: '46001', text: '   ' } }
	},
	{
		method: 'get',
		path: '/api/v1/notes',
		id: 'getNotes',
		tag: 'Supervision',
		summary: 'The notes on one thing',
		doc: 'notes',
		access: 'user',
		query: S.NotesQuery,
		ok: 200,
		responses: {
			200: { description: 'Notes, oldest first.', schema: S.Notes },
			400: { description: 'Invalid query.', schema: S.FieldErrors },
			401: unauthorized,
			403: problem('API keys cannot read notes.'),
			404: notFound
		},
		example: { query: { kind: 'unit', target: '46001' } },
		invalid: { query: { kind: 'province', target: '46001' } }
	},
	{
		method: 'patch',
		path: '/api/v1/notes/{id}',
		id: 'patchNote',
		tag: 'Supervision',
		summary: 'Edit a note (its author or an admin; the history is kept)',
		doc: 'notes',
		access: 'user',
		pathParams: { id: { description: 'The note id.', example: 'note_abcdefghijklm' } },
		body: NoteEdit,
		ok: 200,
		responses: {
			200: { description: 'The note, with its history.', schema: S.Note },
			400: { description: 'Invalid body.', schema: S.FieldErrors },
			401: unauthorized,
			403: problem('Not its author nor an admin, or an API key.'),
			404: notFound
		},
		example: { body: { text: 'Đã nhắc bộ phận một cửa; hẹn trả trong tuần.' } },
		invalid: { body: { text: '' } }
	},
	{
		method: 'post',
		path: '/api/v1/reminders',
		id: 'postReminder',
		tag: 'Supervision',
		summary: 'Record a reminder (đôn đốc) to a unit about some of its dossiers',
		doc: 'reminders',
		access: 'user',
		body: ReminderCreate,
		ok: 201,
		responses: {
			201: { description: 'Recorded.', schema: S.ReminderCreated },
			400: { description: 'Invalid body, or dossiers not in the unit.', schema: S.FieldErrors },
			401: unauthorized,
			403: forbidden,
			404: problem('Unknown unit.'),
			413: problem('The body exceeds 64 KB.')
		},
		example: {
			body: {
				unit: '46001',
				channel: 'phone',
				reference: '12/VP',
				text: 'Đề nghị giải quyết hồ sơ quá hạn.',
				dossiers: ['HS-2024-0001']
			}
		},
		invalid: { body: { unit: '46001', channel: 'fax', text: 'x', dossiers: ['HS-2024-0001'] } }
	},
	{
		method: 'get',
		path: '/api/v1/reminders/{id}',
		id: 'getReminder',
		tag: 'Supervision',
		summary: 'A reminder, or its list of dossiers as a sheet to send (XLSX)',
		doc: 'reminders',
		access: 'user',
		pathParams: { id: { description: 'The reminder id.', example: 'rem_abcdefghijklm' } },
		query: S.ReminderFormatQuery,
		ok: 200,
		responses: {
			200: { description: 'The reminder.', schema: S.Reminder, media: ['json', 'xlsx'] },
			400: badRequest,
			401: unauthorized,
			403: problem('API keys cannot read reminders.'),
			404: notFound
		},
		example: {},
		invalid: { query: { format: 'pdf' } }
	},
	{
		method: 'delete',
		path: '/api/v1/snapshots/{id}',
		id: 'deleteSnapshot',
		tag: 'Snapshots',
		summary: 'Delete a snapshot (admins only; audited)',
		doc: 'snapshots',
		access: 'admin',
		pathParams: { id: { description: 'The snapshot id.', example: 'snp_abcdefghijklmnop' } },
		ok: 204,
		responses: {
			204: { description: 'Deleted.' },
			401: unauthorized,
			403: problem('Only an admin may delete a snapshot.'),
			404: notFound
		},
		example: {}
	}
];
