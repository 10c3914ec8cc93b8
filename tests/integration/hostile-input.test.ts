/**
 * Hostile input never yields a 5xx and never a partial write (docs/api.md#input-rules):
 * property tests (fast-check) of the ingest schema with mutated events and
 * bodies, and of every GET's query parameters; then the socket `subscribe`.
 * The hooks' URL guard is driven over real HTTP in tests/e2e/hostile.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { io as connectClient } from 'socket.io-client';
import { jsonRows } from '../../src/lib/server/db/json-rows.ts';
import {
	BACKENDS,
	createTestApp,
	importCsv,
	key,
	postBatch,
	request,
	type TestDb
} from './harness.ts';
import { startLive } from './live-server.ts';
import { received, TREE_CSV } from './units.fixture.ts';

/** Values that broke something once, or could: NUL, lone surrogates, out-of-range dates, prototype names, huge numbers. */
const POOL = [
	'',
	' ',
	'\u0000',
	'a\u0000b',
	'\ud800',
	'a\ud800b',
	'\udfff',
	'%00',
	'%E0%A4%A',
	'0001-01-01',
	'9999-12-31',
	'2025-02-29',
	'2024-02-30',
	'1989-12-31',
	'2101-01-01',
	'0000-01-01T00:00:00Z',
	'9999-12-31T23:59:59-12:00',
	'2025-02-29T09:00:00Z',
	'2024-05-06T08:00:00+14:01',
	'2024-05-06T08:00:00-12:01',
	'2024-05-06T24:00:00Z',
	'99999999999999999999',
	'-1',
	'1e400',
	'NaN',
	'Infinity',
	'toString',
	'__proto__',
	'constructor',
	'valueOf',
	'hasOwnProperty',
	"'; drop table events; --",
	'../../etc/passwd',
	'=HYPERLINK("http://x")',
	'x'.repeat(5000),
	'46',
	'460',
	'46001',
	'47',
	'47001'
];

const hostile = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom<unknown>(...POOL) },
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
	fc.integer(),
	fc.double(),
	fc.constantFrom<unknown>(
		true,
		false,
		null,
		[],
		{},
		1e308,
		-0,
		Number.MAX_SAFE_INTEGER + 2,
		0.5,
		1.25,
		366.5,
		-3
	),
	fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 })
);

const FIELDS = [
	'id',
	'type',
	'at',
	'unit',
	'dossier',
	'procedure',
	'procedureName',
	'field',
	'fieldName',
	'channel',
	'onlineLevel',
	'dueAt',
	'processingDays',
	'digitized',
	'level',
	'via',
	'feedback',
	'kind',
	'apology',
	'resultDigitized',
	'reason',
	'__proto__',
	'constructor'
];

let serial = 0;
/** Valid events of every kind, inside the key's scope, each with fresh ids. */
function templates(): Record<string, unknown>[] {
	const n = ++serial;
	const at = '2024-05-06T09:00:00+07:00';
	return [
		received(`fz-r-${n}`, '46001', `FZ-${n}`, at),
		{ ...received(`fz-p-${n}`, '46002', `FZ-P-${n}`, at), dueAt: undefined, processingDays: 2 },
		{
			id: `fz-s-${n}`,
			type: 'dossier.resolved',
			at,
			unit: '46001',
			dossier: `FZ-${n}`,
			resultDigitized: true
		},
		{
			id: `fz-h-${n}`,
			type: 'dossier.rescheduled',
			at,
			unit: '46001',
			dossier: `FZ-${n}`,
			dueAt: '2024-05-20T17:00:00+07:00',
			apology: true
		},
		{ id: `fz-t-${n}`, type: 'dossier.rated', at, unit: '46003', level: 'satisfied', via: 'kiosk' },
		{
			id: `fz-f-${n}`,
			type: 'feedback.received',
			at,
			unit: '46003',
			feedback: `FZ-F-${n}`,
			kind: 'conduct'
		},
		{ id: `fz-w-${n}`, type: 'dossier.withdrawn', at, unit: '46002', dossier: `FZ-P-${n}` }
	];
}

const mutatedEvent = fc
	.record({
		pick: fc.nat(),
		mutations: fc.array(fc.tuple(fc.constantFrom(...FIELDS), hostile), { maxLength: 3 }),
		drop: fc.option(fc.constantFrom(...FIELDS))
	})
	.map(({ pick, mutations, drop }) => {
		const list = templates();
		const e: Record<string, unknown> = { ...list[pick % list.length] };
		for (const [field, value] of mutations)
			Object.defineProperty(e, field, {
				value,
				enumerable: true,
				writable: true,
				configurable: true
			});
		if (drop) delete e[drop];
		return e;
	});

/** A body: usually a batch of mutated events, sometimes not a batch at all. */
const body = fc.oneof(
	{
		weight: 8,
		arbitrary: fc
			.array(fc.oneof(mutatedEvent, hostile), { minLength: 1, maxLength: 5 })
			.map((events) => ({ events }))
	},
	{ weight: 1, arbitrary: hostile },
	{ weight: 1, arbitrary: hostile.map((events) => ({ events })) }
);

const GETS: { path: string; params: string[] }[] = [
	{ path: '/api/v1/summary', params: ['unit', 'from', 'to'] },
	{ path: '/api/v1/scoreboard', params: ['unit', 'from', 'to'] },
	{ path: '/api/v1/freshness', params: ['unit'] },
	{ path: '/api/v1/rankings', params: ['parent', 'metric', 'from', 'to', 'level'] },
	{ path: '/api/v1/units', params: ['parent'] },
	{ path: '/api/v1/units/{code}/geo', params: ['level'] },
	{ path: '/api/v1/dossiers/{code}', params: [] },
	{ path: '/api/v1/overdue', params: ['unit', 'atRiskHours'] },
	{ path: '/api/v1/feed', params: ['unit', 'after'] },
	{ path: '/api/v1/reports/received-resolved', params: ['unit', 'from', 'to', 'format'] }
];
const GOOD: Record<string, string[]> = {
	unit: ['46', '460', '46001'],
	parent: ['46', '460'],
	from: ['2024-05-01', '2024-01-01'],
	to: ['2024-05-31', '2024-12-31'],
	metric: ['onTime', 'online', 'satisfaction'],
	level: ['1', '2', 'children'],
	atRiskHours: ['24', '0'],
	after: ['0', '5'],
	format: ['json', 'csv', 'xlsx'],
	code: ['46', 'FZ-1']
};
const stringy = fc.oneof(
	fc.constantFrom(...POOL),
	fc.string({ unit: 'binary', maxLength: 12 }),
	fc.string({ maxLength: 8 })
);
const param = (name: string) =>
	fc.oneof(
		{ weight: 2, arbitrary: fc.constantFrom(...(GOOD[name] ?? [''])) },
		{ weight: 3, arbitrary: stringy },
		{ weight: 1, arbitrary: fc.constant(null) }
	);
const getRequest = fc.constantFrom(...GETS).chain((g) =>
	fc.record({
		g: fc.constant(g),
		code: param('code'),
		values: fc.tuple(...g.params.map(param))
	})
);

describe.each(BACKENDS)('hostile input on %s', (backend) => {
	let t: TestDb;
	let ingest: string;
	let read: string;
	const footprint = async () =>
		jsonRows<string>(
			t.app.database,
			sql`select to_jsonb(concat_ws('/', (select count(*) from events), (select count(*) from dossiers), (select count(*) from feedbacks),
				(select coalesce(sum(received), 0) from rollups))) as j`
		).then((r) => r[0]);

	beforeAll(async () => {
		t = await createTestApp(backend);
		await importCsv(t.app, TREE_CSV);
		ingest = await key(t.app, 'ingest', '460');
		read = await key(t.app, 'read', '46');
		expect(
			(
				await postBatch(t.app, ingest, [
					received('seed-1', '46001', 'FZ-1', '2024-05-06T09:00:00+07:00')
				])
			).status
		).toBe(200);
	});
	afterAll(() => t.drop());

	it('ingest: every mutated batch is answered 200, 400, 403 or 413, and a refused one writes nothing', async () => {
		const seen = new Set<number>();
		await fc.assert(
			fc.asyncProperty(body, async (b) => {
				const before = await footprint();
				const r = await request(t.app, 'POST', '/api/v1/events', {
					token: ingest,
					rawBody: JSON.stringify(b)
				});
				seen.add(r.status);
				expect([200, 400, 403, 413], `${r.status} ${r.text.slice(0, 300)}`).toContain(r.status);
				if (r.status !== 200) {
					expect(await footprint()).toBe(before);
					expect(Array.isArray(r.json?.errors) || typeof r.json?.error === 'string').toBe(true);
				}
			}),
			{ numRuns: 150, seed: 1337 }
		);
		expect(seen.has(400)).toBe(true);
	});

	it('the national portal sync (§12): every mutated call is answered 200, 400, 403 or 413 in its style, and a refused one writes nothing', async () => {
		const PORTAL_FIELDS = [
			'MaHoSo',
			'MaTTHC',
			'TenTTHC',
			'MaLinhVuc',
			'KenhThucHien',
			'NgayTiepNhan',
			'NgayHenTra',
			'TrangThaiHoSo',
			'NgayKetThucXuLy',
			'NgayTra',
			'HoSoCoThanhPhanSoHoa',
			'MaDonVi',
			'TrangThai',
			'ThoiDiemXuLy',
			'__proto__',
			'toString'
		];
		const ENVELOPE = ['service', 'madonvi', 'isUpdating', 'data', '__proto__'];
		const record = (n: number) => ({
			MaHoSo: `FZ-DV-${n}`,
			MaTTHC: 'P',
			MaLinhVuc: 'F',
			NgayTiepNhan: '20240506090000',
			NgayHenTra: '20240510170000',
			TrangThaiHoSo: String(1 + (n % 10)),
			NgayKetThucXuLy: '20240508090000',
			NgayTra: '20240509090000'
		});
		const mutate = (o: Record<string, unknown>, mutations: [string, unknown][]) => {
			const e = { ...o };
			for (const [field, value] of mutations)
				Object.defineProperty(e, field, {
					value,
					enumerable: true,
					writable: true,
					configurable: true
				});
			return e;
		};
		const call = fc
			.record({
				service: fc.constantFrom('DongBoHoSoMC', 'CapNhatTienDoHoSoMC'),
				records: fc.array(
					fc.tuple(
						fc.nat(),
						fc.array(fc.tuple(fc.constantFrom(...PORTAL_FIELDS), hostile), { maxLength: 2 })
					),
					{ maxLength: 4 }
				),
				envelope: fc.array(fc.tuple(fc.constantFrom(...ENVELOPE), hostile), { maxLength: 1 })
			})
			.map(({ service, records, envelope }) => {
				const data = records.map(([n, m]) =>
					mutate(
						service === 'DongBoHoSoMC'
							? record(n)
							: {
									MaHoSo: `FZ-DV-${n % 5}`,
									TrangThai: String(1 + (n % 10)),
									ThoiDiemXuLy: '20240507090000'
								},
						m
					)
				);
				return mutate({ service, madonvi: '46001', isUpdating: 'False', data }, envelope);
			});
		const seen = new Set<number>();
		await fc.assert(
			fc.asyncProperty(
				fc.oneof({ weight: 9, arbitrary: call }, { weight: 1, arbitrary: hostile }),
				async (b) => {
					const before = await footprint();
					const r = await request(t.app, 'POST', '/api/v1/dvcqg', {
						token: ingest,
						rawBody: JSON.stringify(b)
					});
					seen.add(r.status);
					expect([200, 400, 403, 413], `${r.status} ${r.text.slice(0, 300)}`).toContain(r.status);
					expect(r.json?.error_code).toBe(r.status === 200 ? 0 : 1);
					if (r.status !== 200) expect(await footprint()).toBe(before);
				}
			),
			{ numRuns: 150, seed: 766 }
		);
		expect(seen.has(200) && seen.has(400)).toBe(true);
	});

	it('every GET answers its hostile query parameters without a 5xx', async () => {
		await fc.assert(
			fc.asyncProperty(getRequest, async ({ g, code, values }) => {
				// An empty segment is another route (the real router's 404, driven in e2e): the harness needs one.
				const path = g.path.replace('{code}', encodeURIComponent((code || '-').toWellFormed()));
				const q = new URLSearchParams();
				g.params.forEach((name, i) => {
					if (values[i] !== null) q.set(name, values[i] as string);
				});
				const r = await request(t.app, 'GET', `${path}?${q}`, { token: read });
				expect(r.status, `${path}?${q} → ${r.status} ${r.text.slice(0, 300)}`).toBeLessThan(500);
			}),
			{ numRuns: 250, seed: 4242 }
		);
	});

	it('the reported cases: NUL, lone surrogates, prototype types, years, bigints, period bounds', async () => {
		const base = received('rep-1', '46001', 'REP-1', '2024-05-06T09:00:00+07:00');
		const before = await footprint();
		const cases: [unknown, string][] = [
			[{ ...base, procedureName: 'a\u0000b' }, 'procedureName'],
			[{ ...base, fieldName: 'a\ud800b' }, 'fieldName'],
			[{ ...base, type: 'toString' }, 'type'],
			[{ ...base, type: '__proto__' }, 'type'],
			[{ ...base, at: '0000-01-01T00:00:00Z' }, 'at'],
			[{ ...base, dueAt: '9999-12-31T23:59:59-12:00' }, 'dueAt'],
			[{ ...base, dueAt: undefined, processingDays: 3, at: '0999-05-06T09:00:00+07:00' }, 'at'],
			[{ ...base, at: '2025-02-29T09:00:00Z' }, 'at'],
			[{ ...base, at: '2024-05-06T09:00:00+14:01' }, 'at']
		];
		for (const [event, path] of cases) {
			const r = await postBatch(t.app, ingest, [event]);
			expect(r.status, JSON.stringify(event).slice(0, 120)).toBe(400);
			expect(r.json.errors[0]).toMatchObject({ index: 0, path });
		}
		expect(await footprint()).toBe(before);
		for (const q of [
			'unit=46&from=0001-01-01&to=2025-12-31',
			'unit=46&from=2025-01-01&to=9999-12-31',
			'unit=%00&from=2024-01-01&to=2024-01-31'
		]) {
			expect((await request(t.app, 'GET', `/api/v1/summary?${q}`, { token: read })).status).toBe(
				400
			);
			expect(
				(
					await request(t.app, 'GET', `/api/v1/reports/received-resolved?${q}&format=xlsx`, {
						token: read
					})
				).status
			).toBe(400);
		}
		expect(
			(
				await request(t.app, 'GET', '/api/v1/feed?unit=46&after=99999999999999999999', {
					token: read
				})
			).status
		).toBe(400);
		expect((await request(t.app, 'GET', '/api/v1/dossiers/V-1%00', { token: read })).status).toBe(
			400
		);
		expect((await request(t.app, 'GET', '/api/v1/units?parent=%00', { token: read })).status).toBe(
			400
		);
	});

	it('a socket subscribe with hostile values is refused in its ack, and the socket stays usable', async () => {
		const live = await startLive(t.app, { adapterUrl: null });
		const socket = connectClient(live.url, {
			auth: { token: read },
			transports: ['websocket'],
			reconnection: false,
			forceNew: true
		});
		try {
			await new Promise<void>((resolve, reject) => {
				socket.once('connect', () => resolve());
				socket.once('connect_error', reject);
			});
			const bad: unknown[] = [
				{ unit: '\u0000' },
				{ unit: 'a\ud800' },
				{ unit: '46', period: { from: '0001-01-01', to: '2025-12-31' } },
				{ unit: '46', period: { from: '2025-01-01', to: '9999-12-31' } },
				{ unit: '46', since: 1e300 },
				{ unit: '46', since: -1 },
				{ unit: '46', metric: 'toString' },
				{ unit: { $ne: null } },
				'46',
				null
			];
			for (const msg of bad) {
				const ack = await socket.timeout(5000).emitWithAck('subscribe', msg);
				expect(ack.ok, JSON.stringify(msg)).toBe(false);
				expect(typeof ack.error).toBe('string');
			}
			expect((await socket.timeout(5000).emitWithAck('subscribe', { unit: '46' })).ok).toBe(true);
		} finally {
			socket.disconnect();
			await live.stop();
		}
	});
});
