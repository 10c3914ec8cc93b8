/**
 * The audit log: logins, failed logins, key and user changes, exports and
 * imports — who, what, when, from where. Writing never fails the action it
 * records (a failed audit write is logged to the console).
 */
import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { auditLog } from '../db/schema.ts';
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
		await database.db.insert(auditLog).values({
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

export type AuditFilter = {
	action?: string;
	actor?: string;
	q?: string;
	from?: Date;
	to?: Date;
	limit?: number;
	beforeId?: number;
};
export type AuditRow = typeof auditLog.$inferSelect;

/** Newest first; `action` matches a prefix (`key` → key.create, key.revoke…); `beforeId` pages on (keyset). */
export async function listAudit(database: Database, f: AuditFilter = {}): Promise<AuditRow[]> {
	const where: SQL[] = [];
	if (f.action)
		where.push(
			or(
				eq(auditLog.action, f.action),
				ilike(auditLog.action, `${f.action.replace(/[%_\\]/g, '\\$&')}.%`)
			)!
		);
	if (f.actor) where.push(ilike(auditLog.actor, `%${f.actor.replace(/[%_\\]/g, '\\$&')}%`));
	if (f.q)
		where.push(
			or(
				ilike(auditLog.target, `%${f.q.replace(/[%_\\]/g, '\\$&')}%`),
				ilike(auditLog.ip, `%${f.q.replace(/[%_\\]/g, '\\$&')}%`)
			)!
		);
	if (f.from) where.push(gte(auditLog.at, f.from));
	if (f.to) where.push(lte(auditLog.at, f.to));
	if (f.beforeId !== undefined) where.push(lt(auditLog.id, f.beforeId));
	return database.db
		.select()
		.from(auditLog)
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(auditLog.id))
		.limit(Math.min(f.limit ?? 200, 1000));
}

/** The distinct actions recorded so far (for the filter's choices). */
export async function auditActions(database: Database): Promise<string[]> {
	const rows = await database.db
		.selectDistinct({ action: auditLog.action })
		.from(auditLog)
		.orderBy(auditLog.action);
	return rows.map((r) => r.action);
}
