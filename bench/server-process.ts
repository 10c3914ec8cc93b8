/**
 * The bench server (bench/live-server.ts: the app, the live hub and the production
 * POST /api/v1/events) in a process of its own, as bench/live-latency.ts and
 * `BENCH_HTTP=1 bench/ingest.ts` run it: with the V8 flags `npm start` runs
 * production with (read from package.json), or BENCH_NODE_FLAGS ('' for V8's defaults).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The `--` flags of package.json's `start` script. */
function startFlags(): string[] {
	const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
		scripts: { start: string };
	};
	return pkg.scripts.start.split(/\s+/).filter((t) => t.startsWith('--'));
}

export async function startBenchServer(opts: {
	databaseUrl: string;
	/** More node flags (a CPU profile, say). */
	extraFlags?: string[];
	/** Turns the command into another (taskset pinning it to a core). */
	wrap?: (args: string[]) => [string, string[]];
}): Promise<{ child: ChildProcess; port: number }> {
	const env = process.env.BENCH_NODE_FLAGS;
	const flags = env === undefined ? startFlags() : env.split(/\s+/).filter(Boolean);
	const argv = [
		process.execPath,
		...flags,
		...(opts.extraFlags ?? []),
		new URL('./live-server.ts', import.meta.url).pathname
	];
	const [cmd, args] = opts.wrap ? opts.wrap(argv) : [argv[0], argv.slice(1)];
	const child = spawn(cmd, args, {
		env: { ...process.env, DATABASE_URL: opts.databaseUrl, LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const port = await new Promise<number>((resolve, reject) => {
		child.stdout!.on('data', (b: Buffer) => {
			const m = /listening (\d+)/.exec(String(b));
			if (m) resolve(Number(m[1]));
		});
		child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
	});
	return { child, port };
}
