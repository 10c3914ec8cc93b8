/**
 * `npm test`: unit and integration tests (vitest; the integration suites run on
 * PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set), then the
 * browser end-to-end tests (Playwright with Debian's Chromium). Ends with one
 * line `tests: N passed, M failed` over both runners.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.test-reports');
mkdirSync(out, { recursive: true });
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
	spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

if (!process.env.TEST_DATABASE_URL) console.log('TEST_DATABASE_URL is not set: integration tests run on PGlite only');
const vitestJson = join(out, 'vitest.json');
const e2eJson = join(out, 'e2e.json');
rmSync(vitestJson, { force: true });
rmSync(e2eJson, { force: true });

const projects = ['unit', 'integration'].filter(want).flatMap((p) => ['--project', p]);
const vitest = projects.length ? run(bin('vitest'), ['run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]) : 0;
const e2e = want('e2e') ? run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson }) : 0;

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
console.log(`\ntests: ${passed} passed, ${failed} failed${flaky ? ` (${flaky} passed only on retry: see the Playwright report above)` : ''}`);
process.exit(vitest !== 0 ? vitest : e2e);
