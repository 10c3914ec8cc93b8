/**
 * The shape of an operation in the OpenAPI document (openapi.ts) and the answers many operations
 * share; the operations themselves are in openapi-operations.ts and openapi-supervision-operations.ts.
 */
import type { z } from 'zod';
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

/** The period most examples ask for. */
export const DAY = { from: '2024-05-01', to: '2024-05-31' };

export const problem = (description: string): Answer => ({ description, schema: S.Problem });
export const unauthorized = problem('No valid credential (docs/api.md#authentication).');
export const forbidden = problem(
	'The credential may not do this, or the unit is outside its scope.'
);
export const badRequest = problem(
	'A query parameter is missing or invalid (the message says which).'
);
export const notFound = problem(
	'Unknown, or outside the caller’s scope (the two are not told apart).'
);
export const readerErrors = {
	400: badRequest,
	401: unauthorized,
	403: forbidden,
	404: problem('Unknown unit.')
};
