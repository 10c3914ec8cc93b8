/** The audit log table (auth/audit.ts writes it without ever failing the action): entries in, filtered lists out. */
import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { auditLog } from '../db/schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export async function insertAuditEntry(
	database: Database,
	entry: Pick<AuditRow, 'actor' | 'action' | 'target' | 'ip' | 'detail'>
): Promise<void> {
	await database.db.insert(auditLog).values(entry);
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

const like = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** Newest first; `action` matches a prefix (`key` → key.create, key.revoke…); `beforeId` pages on (keyset). */
export async function listAudit(database: Database, f: AuditFilter = {}): Promise<AuditRow[]> {
	const where: SQL[] = [];
	if (f.action)
		where.push(or(eq(auditLog.action, f.action), ilike(auditLog.action, `${like(f.action)}.%`))!);
	if (f.actor) where.push(ilike(auditLog.actor, `%${like(f.actor)}%`));
	if (f.q)
		where.push(or(ilike(auditLog.target, `%${like(f.q)}%`), ilike(auditLog.ip, `%${like(f.q)}%`))!);
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
