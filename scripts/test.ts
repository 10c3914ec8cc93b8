/**
 * `npm test`: unit and integration tests (vitest; the integration suites run on
 * PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set), then the
 * browser end-to-end tests (Playwright with Debian's Chromium).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1;

if (!process.env.TEST_DATABASE_URL) console.log('TEST_DATABASE_URL is not set: integration tests run on PGlite only');
const vitest = run(bin('vitest'), ['run']);
const e2e = run(bin('playwright'), ['test']);
process.exit(vitest !== 0 ? vitest : e2e);
