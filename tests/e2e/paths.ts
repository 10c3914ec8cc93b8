import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
export const E2E_DIR = process.env.E2E_DIR ?? join(root, '.e2e');
export const E2E_UNITS = join(root, 'tests', 'e2e', 'units.geojson');
export const E2E_ADMIN = { username: 'e2e-admin', password: 'mật-khẩu-kiểm-thử-e2e' };
