/**
 * Reading an import file (bulk.ts): gzip by its magic bytes, stdin spooled to a temporary file (the file is
 * read twice), lines counted (blank ones included) with the raw bytes read and hashed, and one pass over
 * the file with progress — shared by both validation passes (bulk-validate.ts) and the import itself.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync, mkdtempSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { BulkOptions, LineError } from './bulk.ts';

async function isGzip(path: string): Promise<boolean> {
	const fh = await open(path, 'r');
	try {
		const { buffer, bytesRead } = await fh.read(Buffer.alloc(2), 0, 2, 0);
		return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
	} finally {
		await fh.close();
	}
}

/** stdin copied to a temporary file (the import reads its input twice). */
export async function spoolStdin(
	input: Readable = process.stdin
): Promise<{ path: string; remove(): void }> {
	const dir = mkdtempSync(join(tmpdir(), 'motcua-import-'));
	const path = join(dir, 'stdin.ndjson');
	await pipeline(input, createWriteStream(path));
	return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The file's lines (1-based numbers, blank ones included in the count), counting raw bytes read and hashing them. */
export async function* readLines(
	path: string,
	seen: { bytes: number; hash?: ReturnType<typeof createHash> }
): AsyncGenerator<{ n: number; text: string }> {
	const gz = await isGzip(path);
	const raw = createReadStream(path, { highWaterMark: 1 << 20 });
	const tap = new Transform({
		transform(chunk: Buffer, _enc, done) {
			seen.bytes += chunk.length;
			seen.hash?.update(chunk);
			done(null, chunk);
		}
	});
	let stream: Readable = raw.pipe(tap);
	if (gz) stream = stream.pipe(createGunzip());
	raw.on('error', (err) => stream.destroy(err));
	const rl = createInterface({ input: stream, crlfDelay: Infinity });
	let n = 0;
	for await (const text of rl) yield { n: ++n, text };
}

function parseLine(text: string, n: number): { raw?: unknown; error?: LineError } {
	try {
		return { raw: JSON.parse(text) };
	} catch (err) {
		return { error: { line: n, path: '', message: `invalid JSON: ${(err as Error).message}` } };
	}
}

/**
 * Pass 1 over the file: each non-blank line parsed as JSON and handed to `onLine` (or its JSON error),
 * progress every `every` lines and at the end. Returns the line count, the non-blank count and the
 * file's SHA-256 (the resume checkpoint's key).
 */
export async function scanFile(
	path: string,
	o: BulkOptions,
	totalBytes: number,
	every: number,
	onLine: (n: number, line: { raw?: unknown; error?: LineError }) => Promise<void> | void
): Promise<{ lines: number; nonBlank: number; sha256: string }> {
	const seen = { bytes: 0, hash: createHash('sha256') };
	const startedAt = Date.now();
	const progress = (lines: number, totalLines: number | null) =>
		o.onProgress?.({
			phase: 'validate',
			startedAt,
			startLine: 0,
			lines,
			totalLines,
			bytes: seen.bytes,
			totalBytes,
			accepted: 0,
			duplicates: 0
		});
	let lines = 0;
	let nonBlank = 0;
	for await (const { n, text } of readLines(path, seen)) {
		lines = n;
		if (text.trim() === '') continue;
		nonBlank++;
		await onLine(n, parseLine(text, n));
		if (n % every === 0) progress(n, null);
	}
	progress(lines, lines);
	return { lines, nonBlank, sha256: seen.hash.digest('hex') };
}
