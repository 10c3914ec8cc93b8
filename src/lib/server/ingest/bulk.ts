/**
 * Bulk history import (`cli events import FILE`, docs/api.md#command-line): NDJSON, one
 * event a line, optionally gzip (by name or by its magic bytes), `-` for
 * stdin (spooled to a temporary file, since the file is read twice).
 *
 * 1. Validate the whole file first, with exactly the rules of §3 — every
 *    line's schema, its unit known and inside the key's scope, its dossier not
 *    owned outside the scope — so a bad line is reported with its number and
 *    nothing from the file is written.
 * 2. Import it in large batches through the ordinary ingest (one transaction
 *    each, the same log, projections and rollups), saving after each batch
 *    how far it got (app_meta, keyed by source and the file's SHA-256): an
 *    import interrupted by Ctrl-C or a crash resumes where it stopped, and
 *    events are idempotent by (source, id), so nothing is ever doubled. A
 *    finished import leaves no mark: importing the file again finds every
 *    event a duplicate.
 * 3. ANALYZE the tables it filled (statistics are not left to autovacuum).
 */
import { statSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { deleteMeta, getMeta, setMeta } from '../queries/meta.ts';
import { readLines } from './bulk-file.ts';
import { preparePortalLines } from './bulk-portal.ts';
import { validate, validatePortal } from './bulk-validate.ts';
import { prepare, write, type IngestKey, type PreparedBatch } from './ingest.ts';

export { spoolStdin } from './bulk-file.ts';

/** A problem on one line of the file (1-based), with the field at fault. */
export type LineError = { line: number; path: string; message: string };

export type BulkProgress = {
	phase: 'validate' | 'import';
	/** When this phase began (epoch ms), and the line it began after (a resumed import). */
	startedAt: number;
	startLine: number;
	lines: number;
	totalLines: number | null;
	bytes: number;
	totalBytes: number;
	accepted: number;
	duplicates: number;
};

export type BulkOptions = {
	key: IngestKey;
	/** One §3 event a line (default), or one national portal sync call a line (docs/api.md#national-portal-sync, bulk-portal.ts). */
	format?: 'events' | 'dvcqg';
	/** Events per transaction (default 20,000). */
	batchSize?: number;
	onProgress?: (p: BulkProgress) => void;
	/** Checked between batches: true stops after the batch in flight (resumable). */
	stopped?: () => boolean;
	/** Errors listed at most (all are counted). */
	maxErrors?: number;
};

export type BulkResult =
	| {
			ok: true;
			lines: number;
			accepted: number;
			duplicates: number;
			resumedAt: number;
			stoppedAt: number | null;
	  }
	| {
			ok: false;
			errors: LineError[];
			errorCount: number;
			phase: 'validate' | 'import';
			writtenUpTo: number;
	  };

/** How far an import got; a portal import also keeps the time it stands for "when the call was accepted", so a resumed one translates alike. */
type Checkpoint = { line: number; accepted: number; duplicates: number; acceptedAt?: string };

const DEFAULT_BATCH = 20_000;

const recordsOf = (call: unknown): number => {
	const data = (call as { data?: unknown })?.data;
	return Array.isArray(data) ? Math.max(1, data.length) : 1;
};

export async function analyzeTables(database: Database): Promise<void> {
	await database.rows(
		sql`analyze events, dossiers, feedbacks, rollups, hour_rollups, breakdown_rollups`
	);
}

export async function importFile(
	database: Database,
	path: string,
	o: BulkOptions
): Promise<BulkResult> {
	const totalBytes = statSync(path).size;
	const portal = o.format === 'dvcqg';
	const checked = portal
		? await validatePortal(database, path, o, totalBytes)
		: { ...(await validate(database, path, o, totalBytes)), units: null };
	if (checked.errorCount > 0)
		return {
			ok: false,
			errors: checked.errors,
			errorCount: checked.errorCount,
			phase: 'validate',
			writtenUpTo: 0
		};

	const metaKey = `import:${o.key.source}:${checked.sha256}`;
	const done = (await getMeta<Checkpoint>(database, metaKey)) ?? {
		line: 0,
		accepted: 0,
		duplicates: 0,
		acceptedAt: new Date().toISOString()
	};
	const acceptedAt = new Date(done.acceptedAt ?? Date.now());
	const resumedAt = done.line;
	let { accepted, duplicates } = done;
	const size = o.batchSize ?? DEFAULT_BATCH;
	let lastLine = done.line;
	const seen = { bytes: 0 };
	const startedAt = Date.now();
	const fail = (
		errors: { index: number; path: string; message: string }[],
		lines: number[]
	): BulkResult => ({
		ok: false,
		errors: errors.map((e) => ({
			line: lines[e.index] ?? e.index,
			path: e.path,
			message: e.message
		})),
		errorCount: errors.length,
		phase: 'import',
		writtenUpTo: lastLine
	});
	/** Write one prepared batch and record how far the file is in. */
	const commit = async (
		batch: PreparedBatch,
		lines: number[],
		upTo: number
	): Promise<BulkResult | null> => {
		const r = await write(database, batch);
		// The database changed since validation (another sender moved a dossier): stop, resumable after the fix.
		if (r.status !== 200) return fail(r.body.errors, lines);
		accepted += r.body.accepted;
		duplicates += r.body.duplicates;
		lastLine = upTo;
		await setMeta(database, metaKey, {
			line: upTo,
			accepted,
			duplicates,
			acceptedAt: acceptedAt.toISOString()
		} satisfies Checkpoint);
		o.onProgress?.({
			phase: 'import',
			startedAt,
			startLine: resumedAt,
			lines: upTo,
			totalLines: checked.lines,
			bytes: seen.bytes,
			totalBytes,
			accepted,
			duplicates
		});
		return null;
	};
	// A pipeline of two: the next batch is read and validated while the previous one is written (PostgreSQL
	// works on its own core meanwhile). At most one write is in flight, so batches commit in file order.
	let inFlight: Promise<BulkResult | null> | null = null;
	const settle = async (): Promise<BulkResult | null> => {
		const r = inFlight ? await inFlight : null;
		inFlight = null;
		return r;
	};
	/** Portal calls are translated against what the batches before left, so one at a time (no pipeline). */
	const submitPortal = async (
		raw: unknown[],
		lines: number[],
		upTo: number
	): Promise<BulkResult | null> => {
		const failed = await settle();
		if (failed) return failed;
		const prepared = await preparePortalLines(
			database,
			o.key,
			raw.map((r, i) => ({ n: lines[i], raw: r })),
			checked.units!,
			acceptedAt
		);
		if (!prepared.ok)
			return {
				ok: false,
				errors: prepared.errors,
				errorCount: prepared.errors.length,
				phase: 'import',
				writtenUpTo: lastLine
			};
		inFlight = commit(prepared.batch, prepared.lineOf, upTo);
		return settle();
	};
	const submit = async (
		raw: unknown[],
		lines: number[],
		upTo: number
	): Promise<BulkResult | null> => {
		if (portal) return submitPortal(raw, lines, upTo);
		const prepared = await prepare(database, o.key, raw, { yieldEvery: 2000 });
		const failed = await settle();
		if (failed) return failed;
		if (!prepared.ok) return fail(prepared.result.body.errors, lines);
		// PGlite works in this thread and resolves in microtasks only: a real turn of the event loop between
		// batches lets Ctrl-C, the progress output and the stream's own I/O through.
		await new Promise((resolve) => setImmediate(resolve));
		inFlight = commit(prepared.batch, lines, upTo);
		return null;
	};
	let batch: unknown[] = [];
	// Line numbers of the batch, so an error found at import names the file's line.
	let lineOf: number[] = [];
	// Events in the batch: one a line, or a portal call's records.
	let weight = 0;
	for await (const { n, text } of readLines(path, seen)) {
		if (n <= done.line || text.trim() === '') continue;
		const raw = JSON.parse(text);
		batch.push(raw);
		lineOf.push(n);
		weight += portal ? recordsOf(raw) : 1;
		if (weight >= size) {
			weight = 0;
			const failed = await submit(batch, lineOf, n);
			batch = [];
			lineOf = [];
			if (failed) return failed;
			if (o.stopped?.()) {
				const last = await settle();
				if (last) return last;
				return {
					ok: true,
					lines: checked.lines,
					accepted,
					duplicates,
					resumedAt,
					stoppedAt: lastLine
				};
			}
		}
	}
	const failed =
		(batch.length > 0 ? await submit(batch, lineOf, checked.lines) : null) ?? (await settle());
	if (failed) return failed;
	// Done: the next import of this file starts over (and finds every event a duplicate).
	await deleteMeta(database, metaKey);
	await analyzeTables(database);
	return { ok: true, lines: checked.lines, accepted, duplicates, resumedAt, stoppedAt: null };
}
