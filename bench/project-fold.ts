/**
 * The Node side of the projection (not a test): prints the time per 5,000-event batch that `project()`
 * spends folding dossiers, building their contributions, the rollup deltas and the statements' parameters,
 * with a database that answers every statement at once (so no database time is in it).
 *
 *   node bench/project-fold.ts            (BENCH_DOSSIERS=60000, BENCH_RUNS=12)
 *
 * The same events as bench/ingest.ts, in a two-level province (100 communes). Prints min and median of
 * the runs, wall time and the process's CPU time: on a shared VM the spread between runs is wide, so
 * compare two versions interleaved, run after run.
 */
import { benchEvents } from './generate.ts';
import type { Database } from '../src/lib/server/db/index.ts';
import { logColumns, prepare } from '../src/lib/server/ingest/ingest.ts';
import { project } from '../src/lib/server/ingest/project.ts';
import type { StoredEventRow } from '../src/lib/server/ingest/stored-event.ts';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 60_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const BATCH = 5000;

const instant = { rows: async () => [] } as unknown as Database;
const events = [...benchEvents(DOSSIERS, 2025)];
const ancestors = new Map<string, string[]>([['46', ['46']]]);
for (let i = 1; i <= 100; i++) {
	const code = `46${String(i).padStart(3, '0')}`;
	ancestors.set(code, [code, '46']);
}
const batches = [];
for (let i = 0; i < events.length; i += BATCH) {
	const p = await prepare(
		instant,
		{ source: 'bench', scopeCode: '46' },
		events.slice(i, i + BATCH)
	);
	if (!p.ok) throw new Error(JSON.stringify(p).slice(0, 300));
	batches.push(p.batch);
}

const wall: number[] = [];
const cpu: number[] = [];
for (let run = 0; run < RUNS; run++) {
	let seq = 1;
	const t0 = performance.now();
	const c0 = process.cpuUsage();
	for (const b of batches) {
		const rows: StoredEventRow[] = b.records.map((r) => ({
			seq: seq++,
			...logColumns(r),
			accepted_at: '2026-01-01T00:00:00.000Z'
		}));
		const dossiers = [...new Set(rows.flatMap((r) => (r.dossier ? [r.dossier] : [])))];
		await project(instant, undefined as never, {
			dossiers,
			feedbacks: [],
			loneRatings: [],
			hasOld: true,
			fresh: { fromSeq: rows[0].seq, rows },
			ancestors
		});
	}
	wall.push((performance.now() - t0) / batches.length);
	const c = process.cpuUsage(c0);
	cpu.push((c.user + c.system) / 1000 / batches.length);
}
const line = (name: string, xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return `${name}: min ${s[0].toFixed(1)} ms, median ${s[Math.floor(s.length / 2)].toFixed(1)} ms`;
};
console.log(
	`${events.length.toLocaleString('en')} events, ${batches.length} batches of ${BATCH}, ${RUNS} runs`
);
console.log(`project() per batch, ${line('wall', wall)}; ${line('cpu', cpu)}`);
