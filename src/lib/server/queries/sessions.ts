/** The sessions table (auth/sessions.ts decides what a session is worth): rows by id, by user, by age. */
import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { sessions, users } from '../db/schema.ts';
import type { UserRow } from './users.ts';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(database: Database, row: SessionRow): Promise<void> {
	await database.db.insert(sessions).values(row);
}

/** A session with its user, or null when no session has that id. */
export async function sessionWithUser(
	database: Database,
	id: string
): Promise<{ session: SessionRow; user: UserRow } | null> {
	const [row] = await database.db
		.select({ session: sessions, user: users })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, id))
		.limit(1);
	return row ?? null;
}

export async function touchSession(database: Database, id: string, at: Date): Promise<void> {
	await database.db.update(sessions).set({ lastActivityAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(database: Database, id: string): Promise<void> {
	await database.db.delete(sessions).where(eq(sessions.id, id));
}

/** Every session of a user, but `exceptId` if given. */
export async function deleteUserSessions(
	database: Database,
	userId: string,
	exceptId?: string
): Promise<void> {
	await database.db
		.delete(sessions)
		.where(
			exceptId
				? and(eq(sessions.userId, userId), ne(sessions.id, exceptId))
				: eq(sessions.userId, userId)
		);
}

/** Sessions that expired before `expiredBefore` or were last active before `inactiveBefore`. */
export async function deleteStaleSessions(
	database: Database,
	expiredBefore: Date,
	inactiveBefore: Date
): Promise<void> {
	await database.db
		.delete(sessions)
		.where(or(lt(sessions.expiresAt, expiredBefore), lt(sessions.lastActivityAt, inactiveBefore)));
}
