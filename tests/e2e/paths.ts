import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
export const E2E_DIR = process.env.E2E_DIR ?? join(root, '.e2e');
export const E2E_UNITS_CSV = join(root, 'tests', 'e2e', 'units.csv');
