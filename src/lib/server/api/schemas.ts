/**
 * The API's shapes as zod schemas, for the OpenAPI document (openapi.ts, served at
 * GET /api/v1/openapi.json) and the tests that hold it to the handlers:
 *
 * - request bodies the handlers parse with zod are imported from where they live (the §3 event
 *   schemas in domain/events/schema.ts, snapshots.ts, notes.ts, reminders.ts) — the document
 *   describes exactly what is checked;
 * - query parameters, which the handlers read by hand (http.ts `requirePeriod`, figures.ts …),
 *   and the national portal's call, which domain/dvcqg/call.ts reads field by field, are
 *   described here with the same limits; tests/integration/openapi.test.ts sends each
 *   operation's valid and invalid example to the real handler and checks both agree;
 * - answers (responses), described here; the same test checks real answers against them.
 *
 * Nothing here is used to answer a request: a change to a handler's rules must be made here too,
 * and the test says when it was not. The rules themselves are in docs/api.md and docs/domain.md.
 */
import { z } from 'zod';
import { isValidDay } from '../../domain/figures/period.ts';
import { METRICS } from '../../domain/figures/metrics.ts';
import { FLAGS } from '../../domain/dossier/flags.ts';
import { OUTCOMES } from '../../domain/dossier/outcome.ts';
import { SERVICES } from '../../domain/dvcqg/call.ts';
import { CHANNELS } from '../../domain/events/schema.ts';
import { NOTE_KINDS } from '../queries/notes.ts';

// ── Query parameters ────────────────────────────────────────────────────────

/** A local day (Asia/Ho_Chi_Minh), as `from` / `to` are read (http.ts requirePeriod). */
export const Day = z
	.string()
	.refine(isValidDay, 'must be a real date YYYY-MM-DD between 1990 and 2100')
	.meta({
		description: 'A local day (Asia/Ho_Chi_Minh), `YYYY-MM-DD`, a real date in 1990–2100.',
		format: 'date'
	});

export const UnitCode = z
	.string()
	.min(1)
	.meta({ description: "A unit's official code (province 2 digits, district 3, commune 5)." });

const Period = { from: Day, to: Day };
const fromNotAfterTo = (q: { from: string; to: string }) => q.from <= q.to;
const periodRule = { message: '`from` must not be after `to`', path: ['to'] };

/** Digits only, as the handler's regular expressions read them. */
const wholeNumber = (min: number, max: number) =>
	z
		.string()
		.regex(/^\d+$/, 'must be a whole number')
		.refine((s) => Number(s) >= min && Number(s) <= max, `must be from ${min} to ${max}`);

export const SummaryQuery = z
	.object({ unit: UnitCode, ...Period })
	.refine(fromNotAfterTo, periodRule);
export const ScoreboardQuery = SummaryQuery;
export const RankingsQuery = z
	.object({
		parent: UnitCode,
		metric: z.enum(METRICS),
		...Period,
		level: wholeNumber(1, 10)
			.optional()
			.meta({ description: 'Descendants this many levels below `parent` (1 = its children).' })
	})
	.refine(fromNotAfterTo, periodRule);
export const UnitQuery = z.object({ unit: UnitCode });
export const UnitsQuery = z.object({
	parent: UnitCode.optional().meta({
		description: "List this unit's children; without it, the top unit of the caller's scope."
	})
});
export const GeoQuery = z.object({ level: z.literal('children').optional() });
export const OverdueQuery = z.object({
	unit: UnitCode,
	atRiskHours: z
		.string()
		.regex(/^\d+(\.\d+)?$/, 'must be a number of hours')
		.refine((s) => Number(s) <= 24 * 366, 'must be at most 8784')
		.optional()
		.meta({
			description: 'Hours ahead that count as "at risk" (default 24).',
			examples: ['24']
		})
});
export const FeedQuery = z.object({
	unit: UnitCode,
	after: z
		.string()
		.regex(/^\d{1,16}$/, 'must be a seq number')
		.refine((s) => Number.isSafeInteger(Number(s)), 'must be below 2^53')
		.optional()
		.meta({ description: 'Only items after this feed seq (oldest first, 50 at most).' })
});
export const ReportQuery = z
	.object({
		unit: UnitCode,
		...Period,
		format: z.enum(['json', 'csv', 'xlsx']).optional().meta({ description: 'Default `json`.' })
	})
	.refine(fromNotAfterTo, periodRule);
export const SnapshotFormatQuery = z.object({
	format: z.enum(['json', 'csv', 'xlsx']).optional().meta({ description: 'Default `json`.' })
});
export const ReminderFormatQuery = z.object({
	format: z.enum(['json', 'xlsx']).optional().meta({ description: 'Default `json`.' })
});
export const NotesQuery = z.object({
	kind: z.enum(NOTE_KINDS),
	target: z.string().min(1).max(128)
});

// ── The national portal's sync call (POST /api/v1/dvcqg), as domain/dvcqg/call.ts reads it ─────

/** `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh (domain/dvcqg/time.ts checks the date is real). */
const PortalTime = z
	.string()
	.regex(/^\d{14}$/, 'must be yyyyMMddHHmmss')
	.meta({ description: '`yyyyMMddHHmmss`, local time (Asia/Ho_Chi_Minh).' });
const portalText = (max: number) => z.string().min(1).max(max);
const StatusCode = z
	.string()
	.regex(/^(10|[1-9])$/, 'must be a status code 1–10')
	.meta({ description: "The portal's status code (TrangThaiHoSo): see docs/dvcqg.md." });
const DossierRecord = z.looseObject({
	MaHoSo: portalText(64).meta({ description: 'The dossier code.' }),
	MaDonVi: portalText(64).optional().meta({ description: 'Our unit code or its `dvcqg_code`.' }),
	MaTTHC: portalText(64),
	TenTTHC: z.string().max(500).optional(),
	MaLinhVuc: portalText(64),
	TenLinhVuc: z.string().max(300).optional(),
	KenhThucHien: z
		.enum(['1', '2', '3'])
		.optional()
		.meta({ description: '1 direct, 2 online, 3 postal.' }),
	HoSoCoThanhPhanSoHoa: z.enum(['0', '1']).optional(),
	TrangThaiHoSo: StatusCode.optional(),
	NgayTiepNhan: PortalTime,
	NgayHenTra: PortalTime,
	NgayKetThucXuLy: PortalTime.optional(),
	NgayTra: PortalTime.optional()
});
const ProgressRow = z.looseObject({
	MaHoSo: portalText(64),
	MaDonVi: portalText(64).optional(),
	TrangThai: StatusCode,
	ThoiDiemXuLy: PortalTime
});
export const PortalCall = z.union([
	z.looseObject({
		service: z.literal(SERVICES[0]),
		madonvi: portalText(64).optional(),
		isUpdating: z.enum(['True', 'False']).optional(),
		data: z.array(DossierRecord).max(5000)
	}),
	z.looseObject({
		service: z.literal(SERVICES[1]),
		madonvi: portalText(64).optional(),
		isUpdating: z.enum(['True', 'False']).optional(),
		data: z.array(ProgressRow).max(5000)
	})
]);

// ── Answers ─────────────────────────────────────────────────────────────────

const rate = z.number().min(0).max(1).nullable();
const count = z.number().int().min(0);
const Time = z.string().meta({ description: 'An ISO-8601 instant.', format: 'date-time' });

/** `{"error": "…"}`: every refusal outside the ingest endpoints (http.ts `problem`). */
export const Problem = z.looseObject({ error: z.string() });
/** One bad event (or record) of a refused batch: its index (−1 for the envelope), the field, why. */
export const EventErrorItem = z.object({
	index: z.number().int(),
	path: z.string(),
	message: z.string()
});
export const EventErrors = z.object({ errors: z.array(EventErrorItem) });
/** A refused body field of the JSON endpoints with a session (snapshots, notes, reminders). */
export const FieldErrors = z.looseObject({
	error: z.string(),
	errors: z.array(z.object({ path: z.string(), message: z.string() }))
});

export const IngestResult = z.object({
	accepted: count,
	duplicates: count,
	lastSeq: z.number().int().meta({ description: 'The feed seq of the last event of the batch.' })
});
export const PortalAnswer = z.looseObject({
	error_code: z.union([z.literal(0), z.literal(1)]),
	message: z.string(),
	accepted: count.optional(),
	duplicates: count.optional(),
	errors: z.array(EventErrorItem).optional()
});

export const Summary = z.object({
	unit: z.string(),
	from: z.string(),
	to: z.string(),
	received: z.object({
		total: count,
		new: count,
		carriedOver: count,
		direct: count,
		online: count,
		postal: count,
		onlineFull: count
	}),
	resolved: z.object({ total: count, early: count, onTime: count, overdue: count }),
	pending: z.object({ total: count, withinDeadline: count, overdue: count }),
	withdrawn: count,
	rejected: count,
	apologies: count,
	digitized: z.object({ intake: count, result: count }),
	ratings: z.object({ total: count, verySatisfied: count, satisfied: count, unsatisfied: count }),
	feedback: z.object({ received: count, resolved: count }),
	rates: z.object({
		onTime: rate,
		online: rate,
		digitizedIntake: rate,
		digitizedResult: rate,
		satisfaction: rate
	})
});

export const RankingItem = z.object({
	unit: z.string(),
	name: z.string(),
	rank: z.number().int().min(1),
	value: rate,
	n: count,
	lower: rate,
	upper: rate
});
export const Rankings = z.object({ items: z.array(RankingItem) });

const ScoreGroup = z.object({
	points: z.number().nullable(),
	max: z.number(),
	value: rate,
	n: count
});
export const Scoreboard = z.object({
	unit: z.string(),
	from: z.string(),
	to: z.string(),
	progress: ScoreGroup,
	online: ScoreGroup,
	satisfaction: ScoreGroup,
	total: z.object({ points: z.number(), max: z.number() })
});

export const Freshness = z.object({
	unit: z.string(),
	now: Time,
	items: z.array(
		z.object({
			unit: z.string(),
			name: z.string(),
			lastEventAt: Time.nullable(),
			lastAcceptedAt: Time.nullable(),
			events24h: count,
			lagSeconds: z.object({ p50: z.number(), p95: z.number(), n: count }).nullable(),
			silent: z.boolean()
		})
	)
});

export const Units = z.object({
	items: z.array(
		z.object({
			code: z.string(),
			name: z.string(),
			type: z.string(),
			parent: z.string().nullable(),
			children: count
		})
	)
});
export const FeatureCollection = z.looseObject({
	type: z.literal('FeatureCollection'),
	features: z.array(
		z.looseObject({
			type: z.literal('Feature'),
			geometry: z.unknown(),
			properties: z.looseObject({ code: z.string(), name: z.string() })
		})
	)
});

const DossierFields = {
	dossier: z.string(),
	unit: z.string(),
	procedure: z.string().nullable(),
	procedureName: z.string().nullable(),
	field: z.string().nullable(),
	fieldName: z.string().nullable(),
	channel: z.enum(CHANNELS).nullable(),
	onlineLevel: z.string().nullable(),
	receivedAt: Time.nullable(),
	dueAt: Time.nullable().meta({ description: 'The current appointment.' }),
	firstDueAt: Time.nullable().meta({ description: 'The appointment timeliness is judged by.' }),
	status: z.enum(['pending', 'resolved', 'withdrawn', 'rejected']),
	outcome: z.enum(OUTCOMES).nullable(),
	resolvedAt: Time.nullable(),
	returnedAt: Time.nullable(),
	finishedAt: Time.nullable(),
	supplements: count,
	apology: z.boolean(),
	apologies: count,
	rating: z.string().nullable(),
	flags: z.array(z.enum(FLAGS))
};
export const Dossier = z.looseObject({
	...DossierFields,
	events: z.array(z.object({ seq: z.number().int(), id: z.string(), type: z.string(), at: Time }))
});
const WatchItem = z.looseObject({
	...DossierFields,
	unitName: z.string(),
	overdueHours: z.number()
});
export const Overdue = z.object({ overdue: z.array(WatchItem), atRisk: z.array(WatchItem) });

export const Feed = z.object({
	items: z.array(
		z.looseObject({
			seq: z.number().int(),
			id: z.string().nullable(),
			type: z.string(),
			unit: z.string(),
			unitName: z.string(),
			dossier: z.string().nullable(),
			at: Time,
			procedureName: z.string().nullable()
		})
	)
});

const FormFigures = {
	received: Summary.shape.received,
	resolved: Summary.shape.resolved,
	pending: Summary.shape.pending,
	withdrawn: count
};
export const ReceivedResolved = z.object({
	unit: z.string(),
	from: z.string(),
	to: z.string(),
	rows: z.array(z.object({ unit: z.string(), name: z.string(), ...FormFigures })),
	total: z.looseObject(FormFigures)
});

export const SnapshotCreated = z.looseObject({
	id: z.string(),
	url: z.string(),
	createdAt: Time,
	sha256: z.string().regex(/^[0-9a-f]{64}$/)
});
const SnapshotItem = z.object({
	id: z.string(),
	unit: z.string(),
	from: z.string(),
	to: z.string(),
	title: z.string(),
	createdAt: Time,
	createdBy: z.string()
});
export const SnapshotList = z.object({ items: z.array(SnapshotItem) });
export const Snapshot = z.looseObject({
	...SnapshotItem.shape,
	sha256: z.string(),
	summary: Summary,
	table: z.looseObject({ rows: z.array(z.unknown()), total: z.unknown() })
});

export const Note = z.looseObject({
	id: z.string(),
	kind: z.enum(NOTE_KINDS),
	target: z.string(),
	unit: z.string(),
	text: z.string(),
	author: z.string(),
	createdAt: Time
});
export const Notes = z.object({ items: z.array(Note) });
export const ReminderCreated = z.object({ id: z.string(), url: z.string(), dossiers: count });
export const Reminder = z.looseObject({
	id: z.string(),
	unit: z.string(),
	dossiers: z.array(z.unknown())
});

export const Health = z.looseObject({
	ok: z.boolean(),
	db: z.string().optional(),
	error: z.string().optional()
});
