/**
 * The bulk import's progress on stderr: a bar redrawn in place on a terminal
 * (`\r`), one line every few seconds otherwise (a log file, CI).
 * `[##########..........]  48% · 1.234.567 / 2.600.000 dòng · 31.200 sự kiện/s · còn 0:44`
 */
import type { BulkProgress } from '../lib/server/ingest/bulk.ts';

const n = new Intl.NumberFormat('vi-VN');

function clock(seconds: number): string {
	if (!Number.isFinite(seconds) || seconds < 0) return '–';
	const s = Math.round(seconds);
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const ss = String(s % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One line of progress at `now` (epoch ms). */
export function progressLine(p: BulkProgress, now: number, width = 24): string {
	const seconds = Math.max(0.001, (now - p.startedAt) / 1000);
	if (p.phase === 'validate') {
		const frac = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0;
		return `kiểm tra ${bar(frac, width)} ${pct(frac)} · ${n.format(p.lines)} dòng · ${n.format(Math.round(p.lines / seconds))} dòng/s`;
	}
	const total = p.totalLines ?? 0;
	const frac = total > 0 ? Math.min(1, p.lines / total) : 0;
	const rate = (p.lines - p.startLine) / seconds;
	const eta = rate > 0 ? (total - p.lines) / rate : Infinity;
	return `nạp ${bar(frac, width)} ${pct(frac)} · ${n.format(p.lines)} / ${n.format(total)} dòng · ${n.format(Math.round(rate))} sự kiện/s · còn ${clock(eta)}`;
}

const bar = (frac: number, width: number) =>
	`[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}]`;
const pct = (frac: number) => `${String(Math.floor(frac * 100)).padStart(3)}%`;

/** A writer: in place on a TTY, else at most one line every `everyMs`. */
export function progressWriter(stream: NodeJS.WriteStream = process.stderr, everyMs = 5000) {
	const tty = Boolean(stream.isTTY);
	let last = 0;
	let shown: BulkProgress | null = null;
	let pending: BulkProgress | null = null;
	const write = (p: BulkProgress, now: number) => {
		if (tty)
			stream.write(
				`${shown && shown.phase !== p.phase ? '\n' : '\r'}${progressLine(p, now)}\x1b[K`
			);
		else stream.write(`${progressLine(p, now)}\n`);
		shown = p;
		pending = null;
		last = now;
	};
	return {
		update(p: BulkProgress): void {
			const now = Date.now();
			const phaseEnds = p.totalLines !== null && p.lines >= p.totalLines;
			if (tty || phaseEnds || now - last >= everyMs || shown?.phase !== p.phase) write(p, now);
			else pending = p;
		},
		end(): void {
			if (pending) write(pending, Date.now());
			if (tty && shown) stream.write('\n');
		}
	};
}
