/**
 * The OpenAPI 3.1 document of the HTTP API, GET /api/v1/openapi.json — built from the zod schemas
 * (schemas.ts, and the request bodies the handlers parse) with zod's own `z.toJSONSchema`, once per
 * process. Each operation carries a valid request example (in the document) and an invalid one
 * (kept here, for the test): tests/integration/openapi.test.ts sends both to the real handlers,
 * checks the answers against the response schemas, and fails on a route under src/routes/api that
 * the document does not list. The readable reference, with curl examples and the live socket
 * protocol, is docs/api.md; this file is its machine-readable twin.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SCHEMAS as EVENT_SCHEMAS } from '../../domain/events/schema.ts';
import { Edit as NoteEdit, New as NoteCreate } from './notes.ts';
import { New as ReminderCreate } from './reminders.ts';
import { Create as SnapshotCreate } from './snapshots.ts';
import * as S from './schemas.ts';
import {
	EventBatch,
	OPERATIONS,
	type Access,
	type Answer,
	type Media,
	type Operation
} from './openapi-operations.ts';

export {
	OPERATIONS,
	type Access,
	type ExampleRequest,
	type Operation
} from './openapi-operations.ts';

/** Where docs/api.md lives for a reader of the document (the repository's own docs). */
const DOCS = 'docs/api.md';

const MEDIA: Record<Media, string> = {
	json: 'application/json',
	csv: 'text/csv',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	text: 'text/plain'
};

const SECURITY: Record<Access, Record<string, string[]>[]> = {
	public: [],
	metrics: [{ metricsToken: [] }, {}],
	ingest: [{ apiKey: [] }],
	read: [{ apiKey: [] }, { session: [] }],
	user: [{ session: [] }],
	admin: [{ session: [] }]
};

const ACCESS_TEXT: Record<Access, string> = {
	public: 'No authentication.',
	metrics:
		'With METRICS_TOKEN set, `Authorization: Bearer <METRICS_TOKEN>`; otherwise loopback callers only.',
	ingest:
		'An API key of role `ingest` (`Authorization: Bearer <key>`); its scope bounds the units and dossiers it may write.',
	read: 'A session, or an API key of role `read` or `display` (an `ingest` key is refused with 403); the unit must lie in the caller’s scope.',
	user: 'A signed-in user’s session (any role); API keys are refused with 403. The thing must lie in the user’s scope.',
	admin: 'An admin’s session.'
};

type JsonSchema = Record<string, unknown>;

/** The answers and bodies the document names (components.schemas), each event type on its own. */
const NAMED: Record<string, z.ZodType> = {
	EventBatch,
	...Object.fromEntries(
		Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [
			type.replace(/(^|[._])(\w)/g, (_, __, c: string) => c.toUpperCase()),
			schema
		])
	),
	PortalCall: S.PortalCall,
	IngestResult: S.IngestResult,
	EventErrors: S.EventErrors,
	PortalAnswer: S.PortalAnswer,
	Problem: S.Problem,
	FieldErrors: S.FieldErrors,
	Summary: S.Summary,
	Rankings: S.Rankings,
	Scoreboard: S.Scoreboard,
	Freshness: S.Freshness,
	Units: S.Units,
	FeatureCollection: S.FeatureCollection,
	Dossier: S.Dossier,
	Overdue: S.Overdue,
	Feed: S.Feed,
	ReceivedResolved: S.ReceivedResolved,
	SnapshotCreate,
	SnapshotCreated: S.SnapshotCreated,
	SnapshotList: S.SnapshotList,
	Snapshot: S.Snapshot,
	NoteCreate,
	NoteEdit,
	Note: S.Note,
	Notes: S.Notes,
	ReminderCreate,
	ReminderCreated: S.ReminderCreated,
	Reminder: S.Reminder,
	Health: S.Health
};
const NAME_OF = new Map<z.ZodType, string>(Object.entries(NAMED).map(([name, s]) => [s, name]));

const CONVERT = {
	io: 'input',
	target: 'draft-2020-12',
	unrepresentable: 'any'
} as const;

function strip(schema: JsonSchema): JsonSchema {
	const { $schema: _s, $id: _i, ...rest } = schema;
	return rest;
}

/** components.schemas: every named schema, referring to the others by $ref. */
function components(): Record<string, JsonSchema> {
	const registry = z.registry<{ id: string }>();
	for (const [id, schema] of Object.entries(NAMED)) registry.add(schema, { id });
	const { schemas } = z.toJSONSchema(registry, {
		...CONVERT,
		uri: (id) => `#/components/schemas/${id}`
	}) as { schemas: Record<string, JsonSchema> };
	return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, strip(s)]));
}

/** A $ref to a named schema, or the schema itself. */
function schemaOf(schema: z.ZodType): JsonSchema {
	const name = NAME_OF.get(schema);
	return name ? { $ref: `#/components/schemas/${name}` } : jsonSchema(schema);
}

/** JSON Schema (2020-12, OpenAPI 3.1's dialect) of a zod schema, as the client sends it or receives it. */
export function jsonSchema(schema: z.ZodType): JsonSchema {
	return strip(z.toJSONSchema(schema, CONVERT) as JsonSchema);
}

function parameters(op: Operation): JsonSchema[] {
	const out: JsonSchema[] = [];
	for (const [name, p] of Object.entries(op.pathParams ?? {}))
		out.push({
			name,
			in: 'path',
			required: true,
			description: p.description,
			schema: { type: 'string' },
			example: p.example
		});
	if (op.query) {
		const s = jsonSchema(op.query) as {
			properties?: Record<string, JsonSchema>;
			required?: string[];
		};
		for (const [name, prop] of Object.entries(s.properties ?? {})) {
			const { description, ...schema } = prop;
			const example = op.example.query?.[name];
			out.push({
				name,
				in: 'query',
				required: s.required?.includes(name) ?? false,
				...(description ? { description } : {}),
				schema,
				...(example !== undefined ? { example } : {})
			});
		}
	}
	return out;
}

function content(answer: Answer): JsonSchema | undefined {
	if (!answer.schema && !answer.media) return undefined;
	const media = answer.media ?? ['json'];
	return Object.fromEntries(
		media.map((m) => [
			MEDIA[m],
			m === 'json' && answer.schema
				? { schema: schemaOf(answer.schema) }
				: m === 'text' || m === 'csv'
					? { schema: { type: 'string' } }
					: { schema: { type: 'string', contentMediaType: MEDIA[m] } }
		])
	);
}

function operation(op: Operation): JsonSchema {
	const responses = Object.fromEntries(
		Object.entries(op.responses).map(([status, answer]) => {
			const c = content(answer);
			return [status, { description: answer.description, ...(c ? { content: c } : {}) }];
		})
	);
	const params = parameters(op);
	return {
		operationId: op.id,
		tags: [op.tag],
		summary: op.summary,
		description: `${ACCESS_TEXT[op.access]}\n\nSee ${DOCS}#${op.doc}.`,
		security: SECURITY[op.access],
		...(params.length ? { parameters: params } : {}),
		...(op.body
			? {
					requestBody: {
						required: true,
						content: {
							'application/json': { schema: schemaOf(op.body), example: op.example.body }
						}
					}
				}
			: {}),
		responses
	};
}

/** The whole document (a plain JSON value). */
export function openApiDocument(): JsonSchema {
	const paths: Record<string, Record<string, JsonSchema>> = {};
	for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
	return {
		openapi: '3.1.0',
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		info: {
			title: 'Một Cửa Live API',
			version: '1',
			summary:
				"Dossier events in, live figures out, for Vietnam's one-stop public-service counters.",
			description: [
				'All times are ISO-8601 with an offset; every day boundary, period and "today" is Asia/Ho_Chi_Minh (UTC+7).',
				'Query days are `YYYY-MM-DD`, inclusive at both ends. Every figure covers the unit’s whole subtree.',
				`The readable reference, with curl examples, is ${DOCS}; what each figure means is docs/domain.md.`,
				`The live feed (socket.io on the same origin) is not HTTP and is described in ${DOCS}#live.`
			].join('\n\n'),
			license: { name: 'Proprietary' }
		},
		servers: [{ url: '/', description: 'The same origin as the dashboard.' }],
		tags: [
			{ name: 'Ingest', description: 'Events from the one-door systems.' },
			{
				name: 'Figures',
				description: 'Period figures, rankings, the scoreboard estimate, freshness.'
			},
			{ name: 'Units', description: 'The unit registry and its map geometry.' },
			{ name: 'Dossiers', description: 'One dossier, the overdue list, the readable feed.' },
			{ name: 'Reports', description: 'The supervision table.' },
			{ name: 'Snapshots', description: 'Frozen, citable figures.' },
			{ name: 'Supervision', description: 'Notes and reminders (signed-in users).' },
			{ name: 'Service', description: 'Health, metrics and this document.' }
		],
		paths,
		components: {
			schemas: components(),
			securitySchemes: {
				apiKey: {
					type: 'http',
					scheme: 'bearer',
					description:
						'An API key (`npm run cli -- keys create …`), of role ingest, read or display.'
				},
				session: {
					type: 'apiKey',
					in: 'cookie',
					name: 'mcl_session',
					description: 'The dashboard’s session cookie (sign in at /login).'
				},
				metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN.' }
			}
		}
	};
}

let cached: { body: string; etag: string } | null = null;

/** GET /api/v1/openapi.json: public, cacheable (an ETag; 304 when it matches). */
export function getOpenApi(request: Request): Response {
	cached ??= (() => {
		const body = JSON.stringify(openApiDocument(), null, 1);
		return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
	})();
	const headers = {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'public, max-age=3600',
		etag: cached.etag
	};
	if (request.headers.get('if-none-match') === cached.etag)
		return new Response(null, { status: 304, headers });
	return new Response(cached.body, { status: 200, headers });
}
