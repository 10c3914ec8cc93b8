/**
 * `npm start`: build the app when the build is missing or older than the
 * sources, then run server.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newest(path: string): number {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let max = st.mtimeMs;
	for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
	return max;
}

const built = join(root, 'build', 'handler.js');
const sources = Math.max(
	newest(join(root, 'src')),
	newest(join(root, 'static')),
	newest(join(root, 'svelte.config.js')),
	newest(join(root, 'vite.config.ts')),
	newest(join(root, 'package-lock.json'))
);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
	console.log('building the dashboard (vite build)…');
	const r = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (r.status !== 0) process.exit(r.status ?? 1);
}
await import('../server.ts');
