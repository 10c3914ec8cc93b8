/**
 * Who the access-matrix and auth specs act as: users of every role and keys of
 * every role, scoped to the province 38 and to the ward 38001 (tests/e2e/serve.ts
 * creates them through the CLI and writes the key tokens to access.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_ADMIN, E2E_DIR } from './paths.ts';

export const E2E_USERS = {
	admin: { ...E2E_ADMIN, role: 'admin', scope: '38' },
	supervisor: {
		username: 'e2e-supervisor',
		password: 'giám-sát-kiểm-thử-e2e',
		role: 'supervisor',
		scope: '38'
	},
	unit: { username: 'e2e-unit', password: 'đơn-vị-kiểm-thử-e2e', role: 'unit', scope: '38001' }
} as const;

export const KEY_SCOPES = ['38', '38001'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];
export type AccessKeys = Record<'ingest' | 'read' | 'display', Record<KeyScope, string>>;

export const accessKeys = (): AccessKeys =>
	JSON.parse(readFileSync(join(E2E_DIR, 'access.json'), 'utf8'));
