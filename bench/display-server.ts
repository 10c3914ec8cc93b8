/**
 * Shared by the wall-display benchmarks: a real server (`npm start`, which
 * builds when the build is stale) on its own port and a throwaway DATA_DIR,
 * holding the demo province's 100 communes (imported through the CLI, with
 * an ingest and a display key), and a generator of valid events (docs/api.md#event-fields) for
 * one simulated hour. Run the benchmarks under the e2e lock: they share
 * `build/` with the e2e runs (see bench/display-budget.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProvince, provinceGeoJson } from '../src/lib/server/demo/province.ts';

const root = new URL('..', import.meta.url).pathname;
export const PROVINCE = '99';
const COMMUNES = 100;

export type BenchServer = {
	base: string;
	keys: { ingest: string; display: string };
	dir: string;
	stop(): Promise<void>;
};

function cli(env: NodeJS.ProcessEnv, ...args: string[]): string {
	const r = spawnSync(process.execPath, [join(root, 'src/cli/main.ts'), ...args], {
		cwd: root,
		env,
		encoding: 'utf8'
	});
	if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
	return r.stdout.trim().split('\n').at(-1)!;
}

async function waitHealthy(base: string, child: ChildProcess, timeoutMs = 240_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
		try {
			if ((await fetch(`${base}/healthz`)).ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error('the server did not become healthy in time');
}

export async function startBenchServer(port: number): Promise<BenchServer> {
	const dir = mkdtempSync(join(tmpdir(), 'mcl-display-bench-'));
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'data') };
	delete env.DATABASE_URL;
	const geo = join(dir, 'units.geojson');
	writeFileSync(geo, provinceGeoJson(generateProvince({ seed: 20250701, communes: COMMUNES })));
	cli(env, 'units', 'import', geo);
	const keys = {
		ingest: cli(
			env,
			'keys',
			'create',
			'--name',
			'bench-ingest',
			'--scope',
			PROVINCE,
			'--role',
			'ingest'
		),
		display: cli(
			env,
			'keys',
			'create',
			'--name',
			'bench-display',
			'--scope',
			PROVINCE,
			'--role',
			'display'
		)
	};
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [join(root, 'scripts/start.ts')], {
		cwd: root,
		env: { ...env, PORT: String(port), HOST: '127.0.0.1', DEMO: '0', ORIGIN: base },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout!.on('data', (b) => (log += b));
	child.stderr!.on('data', (b) => (log += b));
	try {
		await waitHealthy(base, child);
	} catch (err) {
		child.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`${(err as Error).message}\n${log.slice(-4000)}`);
	}
	return {
		base,
		keys,
		dir,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

function lcg(seed: number) {
	let s = seed >>> 0;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

const PROCEDURES = [
	['KS', 'Đăng ký khai sinh', 'HT'],
	['KT', 'Đăng ký khai tử', 'HT'],
	['KH', 'Đăng ký kết hôn', 'HT'],
	['CT', 'Chứng thực bản sao từ bản chính', 'CT'],
	['DD', 'Cấp giấy chứng nhận quyền sử dụng đất', 'DD'],
	['XD', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'XD']
] as const;

/** A day's worth of activity, one simulated hour at a time: receipts, resolutions of earlier receipts, ratings. */
export class EventStream {
	#rnd = lcg(7);
	#n = 0;
	#open: { dossier: string; unit: string }[] = [];
	#tag: string;

	constructor(tag: string) {
		this.#tag = tag;
	}

	/** `count` events spread over [start, start + span). */
	hour(start: number, count: number, span = 3600_000): Record<string, unknown>[] {
		const out: Record<string, unknown>[] = [];
		for (let i = 0; i < count; i++) {
			const at = new Date(start + Math.floor((i / count) * span)).toISOString();
			const r = this.#rnd();
			const id = `${this.#tag}-${this.#n++}`;
			if (r < 0.5 || this.#open.length === 0) {
				const unit = `${PROVINCE}${String(1 + Math.floor(this.#rnd() * COMMUNES)).padStart(3, '0')}`;
				const [procedure, procedureName, field] =
					PROCEDURES[Math.floor(this.#rnd() * PROCEDURES.length)];
				const channel = this.#rnd() < 0.55 ? 'online' : this.#rnd() < 0.9 ? 'direct' : 'postal';
				const dossier = `${this.#tag}-D${this.#n}`;
				out.push({
					id,
					type: 'dossier.received',
					at,
					unit,
					dossier,
					procedure,
					procedureName,
					field,
					channel,
					processingDays: 1 + Math.floor(this.#rnd() * 5)
				});
				// Bounded: older dossiers than the last 500 simply stay pending.
				this.#open.push({ dossier, unit });
				if (this.#open.length > 500) this.#open.shift();
			} else if (r < 0.85) {
				const d = this.#open.splice(Math.floor(this.#rnd() * this.#open.length), 1)[0];
				out.push({
					id,
					type: 'dossier.resolved',
					at,
					unit: d.unit,
					dossier: d.dossier,
					resultDigitized: this.#rnd() < 0.5
				});
				if (this.#rnd() < 0.5)
					out.push({
						id: `${id}-r`,
						type: 'dossier.rated',
						at,
						unit: d.unit,
						dossier: d.dossier,
						level: this.#rnd() < 0.85 ? 'very_satisfied' : 'unsatisfied'
					});
			} else {
				const d = this.#open[Math.floor(this.#rnd() * this.#open.length)];
				out.push({
					id,
					type: 'dossier.supplement_requested',
					at,
					unit: d.unit,
					dossier: d.dossier
				});
			}
		}
		return out;
	}
}

export async function postEvents(
	server: BenchServer,
	events: Record<string, unknown>[]
): Promise<void> {
	for (let i = 0; i < events.length; i += 5000) {
		const r = await fetch(`${server.base}/api/v1/events`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${server.keys.ingest}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ events: events.slice(i, i + 5000) })
		});
		if (!r.ok) throw new Error(`ingest answered ${r.status}: ${(await r.text()).slice(0, 500)}`);
	}
}
