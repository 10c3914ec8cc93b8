/**
 * The operations of the HTTP API that the OpenAPI document (openapi.ts) describes: ingest, figures,
 * units, dossiers, reports and the service's own; the supervision workflow's are in
 * openapi-supervision-operations.ts. For each: who may call it, its parameters and body (the
 * handlers' own zod schemas), its answers, a valid request example and an invalid one
 * (tests/integration/openapi.test.ts sends both).
 */
import { z } from 'zod';
import { instant, SCHEMAS as EVENT_SCHEMAS } from '../../domain/events/schema.ts';
import { INSTANT_HINT } from '../../domain/events/instant.ts';
import { MAX_EVENTS } from '../ingest/ingest.ts';
import * as S from './schemas.ts';
import {
	DAY,
	forbidden,
	notFound,
	problem,
	readerErrors,
	unauthorized,
	type Answer,
	type Operation
} from './openapi-operation.ts';
import { SUPERVISION_OPERATIONS } from './openapi-supervision-operations.ts';

export type { Access, Answer, ExampleRequest, Media, Operation } from './openapi-operation.ts';

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
	...SUPERVISION_OPERATIONS,
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
