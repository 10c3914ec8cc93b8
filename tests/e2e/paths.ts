import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
/** One folder per port, so several Playwright runs (E2E_PORT=…) can run side by side. */
export const E2E_DIR =
	process.env.E2E_DIR ?? join(root, process.env.E2E_PORT ? `.e2e-${process.env.E2E_PORT}` : '.e2e');
export const E2E_UNITS = join(root, 'tests', 'e2e', 'units.geojson');
export const E2E_ADMIN = { username: 'e2e-admin', password: 'mật-khẩu-kiểm-thử-e2e' };
