/** The login_failures table (auth/throttle.ts decides when a login waits): failures by username or IP since a time. */
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { loginFailures } from '../db/schema.ts';

/** The times of the failures of a username (or of an IP) since `since`, oldest first. */
export async function failuresSince(
	database: Database,
	by: 'username' | 'ip',
	value: string,
	since: Date
): Promise<{ at: Date }[]> {
	return database.db
		.select({ at: loginFailures.at })
		.from(loginFailures)
		.where(and(eq(loginFailures[by], value), gte(loginFailures.at, since)))
		.orderBy(asc(loginFailures.at));
}

export async function insertFailure(
	database: Database,
	row: { at: Date; username: string; ip: string }
): Promise<void> {
	await database.db.insert(loginFailures).values(row);
}

export async function deleteFailuresOf(database: Database, username: string): Promise<void> {
	await database.db.delete(loginFailures).where(eq(loginFailures.username, username));
}

export async function deleteFailuresBefore(database: Database, before: Date): Promise<void> {
	await database.db.delete(loginFailures).where(lt(loginFailures.at, before));
}
