/**
 * The operations of the HTTP API that the OpenAPI document (openapi.ts) describes: for each, who
 * may call it, its parameters and body (the handlers' own zod schemas), its answers, a valid
 * request example and an invalid one (tests/integration/openapi.test.ts sends both).
 */
import { z } from 'zod';
import { instant, SCHEMAS as EVENT_SCHEMAS } from '../../domain/events/schema.ts';
import { INSTANT_HINT } from '../../domain/events/instant.ts';
import { MAX_EVENTS } from '../ingest/ingest.ts';
import { Edit as NoteEdit, New as NoteCreate } from './notes.ts';
import { New as ReminderCreate } from './reminders.ts';
import { Create as SnapshotCreate } from './snapshots.ts';
import * as S from './schemas.ts';

/** Who may call an operation (docs/api.md#authentication). */
export type Access = 'public' | 'metrics' | 'ingest' | 'read' | 'user' | 'admin';

export type Media = 'json' | 'csv' | 'xlsx' | 'text';
export type Answer = { description: string; schema?: z.ZodType; media?: Media[] };

/** A request as the test sends it: the path with its query, and the JSON body. `{name}` path parameters are filled from `params`. */
export type ExampleRequest = { query?: Record<string, string>; body?: unknown };

export type Operation = {
	method: 'get' | 'post' | 'patch' | 'delete';
	/** OpenAPI style: `/api/v1/dossiers/{code}`. */
	path: string;
	id: string;
	tag: string;
	summary: string;
	/** The section of docs/api.md that describes it. */
	doc: string;
	access: Access;
	pathParams?: Record<string, { description: string; example: string }>;
	query?: z.ZodObject;
	body?: z.ZodType;
	/** The schema that body and query examples are checked against (defaults to body, else query). */
	ok: number;
	responses: Record<number, Answer>;
	example: ExampleRequest;
	/** A request the handler refuses with 400 and the schema refuses too; none where nothing can be invalid. */
	invalid?: ExampleRequest;
};

// Instants are strings on the wire, turned into Dates by a transform: say what the string must be.
if (!z.globalRegistry.has(instant))
	z.globalRegistry.add(instant, {
		description: `${INSTANT_HINT}; a real date, year 1990–2100, offset between −12:00 and +14:00.`,
		format: 'date-time',
		examples: ['2024-05-06T08:00:00+07:00']
	});

export const EventBatch = z.object({
	events: z
		.array(z.union(Object.values(EVENT_SCHEMAS) as unknown as [z.ZodType, ...z.ZodType[]]))
		.max(MAX_EVENTS)
		.meta({
			description: `At most ${MAX_EVENTS.toLocaleString('en')} events and 5 MB; all or nothing (docs/api.md#ingest).`
		})
});

const DAY = { from: '2024-05-01', to: '2024-05-31' };
const EXAMPLE_EVENTS = [
	{
		id: 'mc-2024-0001-r',
		type: 'dossier.received',
		at: '2024-05-06T08:00:00+07:00',
		unit: '46001',
		dossier: 'HS-2024-0001',
		procedure: '1.001193',
		procedureName: 'Đăng ký khai sinh',
		field: 'HT',
		fieldName: 'Hộ tịch',
		channel: 'online',
		onlineLevel: 'full',
		processingDays: 3,
		digitized: true
	},
	{
		id: 'mc-2024-0001-k',
		type: 'dossier.resolved',
		at: '2024-05-08T15:30:00+07:00',
		unit: '46001',
		dossier: 'HS-2024-0001',
		resultDigitized: true
	}
];

const problem = (description: string): Answer => ({ description, schema: S.Problem });
const unauthorized = problem('No valid credential (docs/api.md#authentication).');
const forbidden = problem('The credential may not do this, or the unit is outside its scope.');
const badRequest = problem('A query parameter is missing or invalid (the message says which).');
const notFound = problem('Unknown, or outside the caller’s scope (the two are not told apart).');
const readerErrors = {
	400: badRequest,
	401: unauthorized,
	403: forbidden,
	404: problem('Unknown unit.')
};
const ingestErrors = (schema: z.ZodType): Record<number, Answer> => ({
	400: { description: 'Some events are invalid: every one is named; nothing was written.', schema },
	401: problem('No valid ingest key.'),
	403: {
		description: 'A unit or dossier outside the key’s scope (named), or not an ingest key.',
		schema
	},
	413: problem('Over 5 MB or over 5,000 events (also when sent chunked).'),
	503: problem('The database cannot take writes now: retry after `Retry-After` seconds.')
});

export const OPERATIONS: Operation[] = [
	{
		method: 'post',
		path: '/api/v1/events',
		id: 'postEvents',
		tag: 'Ingest',
		summary: 'Send a batch of dossier events',
		doc: 'ingest',
		access: 'ingest',
		body: EventBatch,
		ok: 200,
		responses: {
			200: { description: 'Stored (or already known: duplicates).', schema: S.IngestResult },
			...ingestErrors(S.EventErrors)
		},
		example: { body: { events: EXAMPLE_EVENTS } },
		invalid: {
			body: {
				events: [{ ...EXAMPLE_EVENTS[0], id: 'bad-1', at: '2025-02-29T08:00:00+07:00' }]
			}
		}
	},
	{
		method: 'post',
		path: '/api/v1/dvcqg',
		id: 'postPortalCall',
		tag: 'Ingest',
		summary: "The national portal's sync call (DongBoHoSoMC, CapNhatTienDoHoSoMC)",
		doc: 'national-portal-sync',
		access: 'ingest',
		body: S.PortalCall,
		ok: 200,
		responses: {
			200: { description: '`error_code` 0: stored (or already known).', schema: S.PortalAnswer },
			...ingestErrors(S.PortalAnswer)
		},
		example: {
			body: {
				service: 'DongBoHoSoMC',
				madonvi: '46001',
				isUpdating: 'False',
				data: [
					{
						MaHoSo: 'HS-2024-0002',
						MaTTHC: '1.001193',
						TenTTHC: 'Đăng ký khai sinh',
						MaLinhVuc: 'HT',
						KenhThucHien: '1',
						NgayTiepNhan: '20240507090000',
						NgayHenTra: '20240510170000',
						TrangThaiHoSo: '2'
					}
				]
			}
		},
		invalid: {
			body: {
				service: 'DongBoHoSoMC',
				madonvi: '46001',
				data: [
					{
						MaHoSo: 'HS-2024-0003',
						MaTTHC: '1.001193',
						MaLinhVuc: 'HT',
						NgayHenTra: '20240510170000'
					}
				]
			}
		}
	},
	{
		method: 'get',
		path: '/api/v1/summary',
		id: 'getSummary',
		tag: 'Figures',
		summary: "A unit's figures for a period (its whole subtree)",
		doc: 'summary',
		access: 'read',
		query: S.SummaryQuery,
		ok: 200,
		responses: { 200: { description: 'The summary.', schema: S.Summary }, ...readerErrors },
		example: { query: { unit: '46', ...DAY } },
		invalid: { query: { unit: '46', from: '2024-02-30', to: '2024-05-31' } }
	},
	{
		method: 'get',
		path: '/api/v1/rankings',
		id: 'getRankings',
		tag: 'Figures',
		summary: "A unit's children (or deeper descendants) ranked by a rate",
		doc: 'rankings',
		access: 'read',
		query: S.RankingsQuery,
		ok: 200,
		responses: { 200: { description: 'The league table.', schema: S.Rankings }, ...readerErrors },
		example: { query: { parent: '46', metric: 'onTime', ...DAY, level: '2' } },
		invalid: { query: { parent: '46', metric: 'speed', ...DAY } }
	},
	{
		method: 'get',
		path: '/api/v1/scoreboard',
		id: 'getScoreboard',
		tag: 'Figures',
		summary: 'Our estimate of the national scoreboard (Decision 766/QĐ-TTg)',
		doc: 'scoreboard',
		access: 'read',
		query: S.ScoreboardQuery,
		ok: 200,
		responses: { 200: { description: 'The estimate.', schema: S.Scoreboard }, ...readerErrors },
		example: { query: { unit: '46', ...DAY } },
		invalid: { query: { unit: '46', from: '2024-05-31', to: '2024-05-01' } }
	},
	{
		method: 'get',
		path: '/api/v1/freshness',
		id: 'getFreshness',
		tag: 'Figures',
		summary: "How fresh each child's data is",
		doc: 'freshness',
		access: 'read',
		query: S.UnitQuery,
		ok: 200,
		responses: {
			200: { description: 'One item per child.', schema: S.Freshness },
			...readerErrors
		},
		example: { query: { unit: '46' } },
		invalid: { query: {} }
	},
	{
		method: 'get',
		path: '/api/v1/units',
		id: 'getUnits',
		tag: 'Units',
		summary: "The top unit of the caller's scope, or a unit's children",
		doc: 'units',
		access: 'read',
		query: S.UnitsQuery,
		ok: 200,
		responses: { 200: { description: 'Units, sorted by code.', schema: S.Units }, ...readerErrors },
		example: { query: { parent: '46' } },
		invalid: { query: { parent: '' } }
	},
	{
		method: 'get',
		path: '/api/v1/units/{code}/geo',
		id: 'getUnitGeo',
		tag: 'Units',
		summary: "The children's map geometry (GeoJSON)",
		doc: 'unit-geometry',
		access: 'read',
		pathParams: { code: { description: 'The parent unit.', example: '46' } },
		query: S.GeoQuery,
		ok: 200,
		responses: {
			200: { description: 'A FeatureCollection.', schema: S.FeatureCollection },
			...readerErrors
		},
		example: { query: { level: 'children' } },
		invalid: { query: { level: 'all' } }
	},
	{
		method: 'get',
		path: '/api/v1/dossiers/{code}',
		id: 'getDossier',
		tag: 'Dossiers',
		summary: 'One dossier with its events',
		doc: 'one-dossier',
		access: 'read',
		pathParams: { code: { description: 'The dossier code.', example: 'HS-2024-0001' } },
		ok: 200,
		responses: {
			200: { description: 'The dossier.', schema: S.Dossier },
			401: unauthorized,
			403: forbidden,
			404: notFound
		},
		example: {}
	},
	{
		method: 'get',
		path: '/api/v1/overdue',
		id: 'getOverdue',
		tag: 'Dossiers',
		summary: 'Pending dossiers past (or near) their first appointment',
		doc: 'overdue-list',
		access: 'read',
		query: S.OverdueQuery,
		ok: 200,
		responses: { 200: { description: 'Most overdue first.', schema: S.Overdue }, ...readerErrors },
		example: { query: { unit: '46', atRiskHours: '24' } },
		invalid: { query: { unit: '46', atRiskHours: 'soon' } }
	},
	{
		method: 'get',
		path: '/api/v1/feed',
		id: 'getFeed',
		tag: 'Dossiers',
		summary: 'The latest feed items of a subtree, readable (unit and procedure names)',
		doc: 'feed',
		access: 'read',
		query: S.FeedQuery,
		ok: 200,
		responses: { 200: { description: 'Feed items.', schema: S.Feed }, ...readerErrors },
		example: { query: { unit: '46' } },
		invalid: { query: { unit: '46', after: '-1' } }
	},
	{
		method: 'get',
		path: '/api/v1/reports/received-resolved',
		id: 'getReceivedResolved',
		tag: 'Reports',
		summary: 'The supervision table (form II.06a) as JSON, CSV or XLSX',
		doc: 'supervision-table',
		access: 'read',
		query: S.ReportQuery,
		ok: 200,
		responses: {
			200: {
				description: 'The table (JSON), or the file (CSV with BOM, XLSX laid out like the form).',
				schema: S.ReceivedResolved,
				media: ['json', 'csv', 'xlsx']
			},
			...readerErrors
		},
		example: { query: { unit: '46', ...DAY, format: 'json' } },
		invalid: { query: { unit: '46', ...DAY, format: 'pdf' } }
	},
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
	},
	{
		method: 'get',
		path: '/api/v1/openapi.json',
		id: 'getOpenApi',
		tag: 'Service',
		summary: 'This document',
		doc: 'openapi-document',
		access: 'public',
		ok: 200,
		responses: { 200: { description: 'OpenAPI 3.1.' } },
		example: {}
	},
	{
		method: 'get',
		path: '/healthz',
		id: 'health',
		tag: 'Service',
		summary: 'Whether the server can serve and reach its database',
		doc: 'health-and-metrics',
		access: 'public',
		ok: 200,
		responses: {
			200: { description: '`{"ok": true, "db": "postgres" | "pglite"}`.', schema: S.Health },
			503: { description: 'The database is away.', schema: S.Health }
		},
		example: {}
	},
	{
		method: 'get',
		path: '/metrics',
		id: 'metrics',
		tag: 'Service',
		summary: 'Prometheus metrics (METRICS_TOKEN as a bearer token, or loopback callers)',
		doc: 'health-and-metrics',
		access: 'metrics',
		ok: 200,
		responses: {
			200: { description: 'The Prometheus text format.', media: ['text'] },
			401: problem('METRICS_TOKEN is set and was not given.'),
			403: problem('Not a loopback caller, and METRICS_TOKEN is not set.')
		},
		example: {}
	}
];
