/**
 * A server process of a spec's own (server.ts on the build the shared e2e
 * server just made, never rebuilding it), on its own port and data, so the
 * spec can stop it, restart it or take its database away. The CLI runs with
 * the same environment.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

export class OwnServer {
	readonly base: string;
	readonly env: NodeJS.ProcessEnv;
	#child: ChildProcess | null = null;
	/** Everything the process printed (stdout and stderr). */
	log = '';

	/** `data`: a DATA_DIR (embedded database) or a postgres:// URL. */
	constructor(
		port: number,
		data: { dataDir: string } | { url: string },
		extra: NodeJS.ProcessEnv = {}
	) {
		this.base = `http://127.0.0.1:${port}`;
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DEMO: '0',
			ORIGIN: this.base,
			LOG_LEVEL: 'info',
			...extra
		};
		delete env.DATABASE_URL;
		delete env.DATA_DIR;
		if ('url' in data) env.DATABASE_URL = data.url;
		else env.DATA_DIR = data.dataDir;
		this.env = env;
	}

	get process(): ChildProcess | null {
		return this.#child;
	}

	/** The admin CLI on the same data; returns its last line (a key, a password). */
	cli(...args: string[]): string {
		const r = spawnSync(process.execPath, [join(root, 'src/cli/main.ts'), ...args], {
			cwd: root,
			env: this.env,
			encoding: 'utf8'
		});
		if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
		return r.stdout.trim().split('\n').at(-1)!;
	}

	async start(): Promise<void> {
		const child = spawn(process.execPath, [join(root, 'server.ts')], {
			cwd: root,
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (b) => (this.log += b));
		child.stderr!.on('data', (b) => (this.log += b));
		this.#child = child;
		for (let i = 0; i < 200; i++) {
			if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${this.log}`);
			try {
				if ((await fetch(`${this.base}/healthz`)).ok) return;
			} catch {
				/* starting */
			}
			await new Promise((r) => setTimeout(r, 150));
		}
		throw new Error(`server did not start:\n${this.log}`);
	}

	/** Sends `signal` and waits for the exit; returns the milliseconds it took and the exit code. */
	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ ms: number; code: number | null }> {
		const child = this.#child;
		this.#child = null;
		if (!child || child.exitCode !== null) return { ms: 0, code: child?.exitCode ?? null };
		const started = Date.now();
		const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
		child.kill(signal);
		const code = await exited;
		return { ms: Date.now() - started, code };
	}

	/** Still running (not crashed)? */
	get alive(): boolean {
		return this.#child !== null && this.#child.exitCode === null;
	}
}
