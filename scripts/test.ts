/**
 * `npm test`: unit, integration and component tests (vitest; the integration
 * suites run on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set; the
 * component tests render `*.svelte.test.ts` in Debian's Chromium, vitest browser
 * mode), then the browser end-to-end tests (Playwright with the same Chromium).
 * Ends with one line `tests: N passed, M failed` over both runners. Arguments
 * pick some of them: `node scripts/test.ts unit component`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.test-reports');
mkdirSync(out, { recursive: true });
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
	spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ??
	1;

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

/**
 * The browser tests need Debian's Chromium (or CHROMIUM_PATH). Where it is missing and this machine can
 * install it (root with apt-get), install it with a one-line notice; otherwise stop at once, saying how.
 */
function ensureChromium(): void {
	const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (existsSync(path)) return;
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
	if (process.env.CHROMIUM_PATH || !root || !apt) {
		console.error(
			`The browser tests need Chromium at ${path}: install it (apt-get install -y chromium, as root) or set CHROMIUM_PATH to a Chromium binary.`
		);
		process.exit(1);
	}
	console.log("Chromium is missing: installing Debian's chromium (apt-get install -y chromium)…");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = spawnSync('apt-get', ['update', '-qq'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env
	});
	const install =
		update.status === 0
			? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
					stdio: ['ignore', 'ignore', 'inherit'],
					env
				})
			: update;
	if (install.status !== 0 || !existsSync(path)) {
		console.error(
			'Installing chromium with apt-get failed: install it by hand (apt-get install -y chromium) or set CHROMIUM_PATH.'
		);
		process.exit(1);
	}
}
if (want('e2e') || want('component')) ensureChromium();

if (!process.env.TEST_DATABASE_URL)
	console.log('TEST_DATABASE_URL is not set: integration tests run on PGlite only');
const vitestJson = join(out, 'vitest.json');
const e2eJson = join(out, 'e2e.json');
rmSync(vitestJson, { force: true });
rmSync(e2eJson, { force: true });

const projects = ['unit', 'integration', 'component'].filter(want).flatMap((p) => ['--project', p]);
const vitest = projects.length
	? run(bin('vitest'), [
			'run',
			...projects,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${vitestJson}`
		])
	: 0;
const e2e = want('e2e')
	? run(bin('playwright'), ['test', '--reporter=list,json'], {
			PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson
		})
	: 0;

let passed = 0;
let failed = 0;
let flaky = 0;
if (existsSync(vitestJson)) {
	const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
	passed += v.numPassedTests ?? 0;
	failed += v.numFailedTests ?? 0;
}
if (existsSync(e2eJson)) {
	const p = JSON.parse(readFileSync(e2eJson, 'utf8'));
	passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
	failed += p.stats?.unexpected ?? 0;
	flaky += p.stats?.flaky ?? 0;
}
if (vitest !== 0 && failed === 0) failed = 1; // a runner that crashed before reporting
if (e2e !== 0 && failed === 0) failed = 1;
console.log(
	`\ntests: ${passed} passed, ${failed} failed${flaky ? ` (${flaky} passed only on retry: see the Playwright report above)` : ''}`
);
process.exit(vitest !== 0 ? vitest : e2e);
