/**
 * Ingest event schemas (docs/api.md#event-fields). One zod schema per event type, chosen by
 * `type`, so that every error names the exact field of the exact event.
 */
import { z } from 'zod';
import { parseInstant } from './instant.ts';
import { unsafeTextReason } from '../text/safe.ts';

/** Every string of an event: valid Unicode, no NUL (text/safe.ts). */
const safe = z.string().superRefine((s, ctx) => {
	const reason = unsafeTextReason(s);
	if (reason) ctx.addIssue({ code: 'custom', message: reason, abort: true });
});

/** An ISO-8601 instant with seconds and an offset, a real date in 1990–2100 (instant.ts); parsed to a Date. */
export const instant = safe.transform((s, ctx) => {
	const r = parseInstant(s);
	if (!r.ok) {
		ctx.addIssue({ code: 'custom', message: r.message });
		return z.NEVER;
	}
	return r.date;
});

const code = (max: number) =>
	safe.trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const text = (max: number) => safe.max(max, `must be at most ${max} characters`);

export const CHANNELS = ['direct', 'online', 'postal'] as const;
export const ONLINE_LEVELS = ['full', 'partial'] as const;
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'unsatisfied'] as const;
export const RATING_VIA = ['kiosk', 'qr', 'online', 'paper'] as const;
export const FEEDBACK_KINDS = ['regulation', 'conduct'] as const;

export type Channel = (typeof CHANNELS)[number];
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];
export type RatingLevel = (typeof RATING_LEVELS)[number];
export type RatingVia = (typeof RATING_VIA)[number];

const base = {
	id: code(128),
	at: instant,
	unit: code(32)
};
const dossierRef = { dossier: code(64) };

const received = z
	.object({
		...base,
		...dossierRef,
		type: z.literal('dossier.received'),
		procedure: code(64),
		procedureName: text(500).optional(),
		field: code(64),
		fieldName: text(300).optional(),
		channel: z.enum(CHANNELS),
		onlineLevel: z.enum(ONLINE_LEVELS).optional(),
		dueAt: instant.optional(),
		processingDays: z
			.number()
			.min(0, 'must be at least 0')
			.max(366, 'must be at most 366')
			.refine((n) => Number.isInteger(n * 2), 'must be a whole or half number of working days')
			.optional(),
		digitized: z.boolean().optional()
	})
	.superRefine((e, ctx) => {
		if (e.dueAt === undefined && e.processingDays === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['dueAt'],
				message: 'one of dueAt or processingDays is required'
			});
		}
		if (e.dueAt instanceof Date && e.at instanceof Date && e.dueAt.getTime() < e.at.getTime()) {
			ctx.addIssue({
				code: 'custom',
				path: ['dueAt'],
				message: 'must not be before the receipt time `at`'
			});
		}
	});

const simple = <T extends string>(type: T) =>
	z.object({ ...base, ...dossierRef, type: z.literal(type) });

/** Every event type's schema, by `type` (exported for the API's OpenAPI document, server/api/openapi.ts). */
export const SCHEMAS = {
	'dossier.received': received,
	'dossier.supplement_requested': simple('dossier.supplement_requested').extend({
		reason: text(2000).optional()
	}),
	'dossier.rescheduled': simple('dossier.rescheduled').extend({
		dueAt: instant,
		apology: z.boolean().optional()
	}),
	'dossier.resolved': simple('dossier.resolved').extend({
		resultDigitized: z.boolean().optional()
	}),
	'dossier.returned': simple('dossier.returned'),
	'dossier.withdrawn': simple('dossier.withdrawn'),
	'dossier.rejected': simple('dossier.rejected').extend({ reason: text(2000).optional() }),
	'dossier.rated': z.object({
		...base,
		type: z.literal('dossier.rated'),
		dossier: code(64).optional(),
		level: z.enum(RATING_LEVELS),
		via: z.enum(RATING_VIA).optional()
	}),
	'feedback.received': z.object({
		...base,
		type: z.literal('feedback.received'),
		dossier: code(64).optional(),
		feedback: code(128),
		kind: z.enum(FEEDBACK_KINDS)
	}),
	'feedback.resolved': z.object({
		...base,
		type: z.literal('feedback.resolved'),
		dossier: code(64).optional(),
		feedback: code(128),
		kind: z.enum(FEEDBACK_KINDS).optional()
	})
} as const;

export type EventType = keyof typeof SCHEMAS;
export const EVENT_TYPES = Object.keys(SCHEMAS) as EventType[];

type Parsed = { [K in EventType]: z.output<(typeof SCHEMAS)[K]> };
/** A validated event, times as Date. */
export type IngestEvent = Parsed[EventType];
export type EventOf<K extends EventType> = Parsed[K];

export type EventError = { index: number; path: string; message: string };

/** Validate one raw event; errors carry the event index and a dotted path inside the event. */
export function parseEvent(
	raw: unknown,
	index: number
): { event?: IngestEvent; errors: EventError[] } {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		return { errors: [{ index, path: '', message: 'must be an object' }] };
	}
	const type = (raw as { type?: unknown }).type;
	// Own keys only: `type: "toString"` or `"__proto__"` must not find Object.prototype's members.
	if (typeof type !== 'string' || !Object.hasOwn(SCHEMAS, type)) {
		return {
			errors: [{ index, path: 'type', message: `must be one of ${EVENT_TYPES.join(', ')}` }]
		};
	}
	const result = SCHEMAS[type as EventType].safeParse(raw);
	if (result.success) return { event: result.data as IngestEvent, errors: [] };
	return {
		errors: result.error.issues.map((issue) => ({
			index,
			path: issue.path.map(String).join('.'),
			message:
				issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message
		}))
	};
}

/** Validate a whole batch: every error of every event, or all events. */
export function parseBatch(raw: unknown[]): { events: IngestEvent[]; errors: EventError[] } {
	const events: IngestEvent[] = [];
	const errors: EventError[] = [];
	raw.forEach((item, i) => {
		const r = parseEvent(item, i);
		if (r.event) events.push(r.event);
		errors.push(...r.errors);
	});
	return { events, errors };
}
