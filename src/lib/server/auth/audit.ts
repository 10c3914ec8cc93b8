/**
 * The audit log: logins, failed logins, key and user changes, exports and
 * imports — who, what, when, from where. Writing never fails the action it
 * records (a failed audit write is logged to the console). Reading it:
 * queries/audit.ts.
 */
import type { Database } from '../db/index.ts';
import { insertAuditEntry } from '../queries/audit.ts';
import type { Principal } from './roles.ts';

export type AuditEntry = {
	actor: string;
	action: string;
	target?: string | null;
	ip?: string | null;
	detail?: Record<string, unknown> | null;
};

/** `user:<username>`, `key:<name>`, or `anonymous`. */
export function actorOf(p: Principal | null | undefined): string {
	if (!p) return 'anonymous';
	return p.kind === 'user' ? `user:${p.username}` : `key:${p.name}`;
}

export async function audit(database: Database, entry: AuditEntry): Promise<void> {
	try {
		await insertAuditEntry(database, {
			actor: entry.actor,
			action: entry.action,
			target: entry.target ?? null,
			ip: entry.ip ?? null,
			detail: entry.detail ?? null
		});
	} catch (err) {
		console.error('audit log write failed', entry, err);
	}
}
