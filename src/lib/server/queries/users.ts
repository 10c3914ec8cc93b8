/** The users table (auth/users.ts checks passwords and ends sessions): rows by name or id, and their changes. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { jsonRows } from '../db/json-rows.ts';

export type UserRow = typeof users.$inferSelect;

/** What the admin page lists of a user (no password hash). */
export type UserListRow = Pick<
	UserRow,
	'id' | 'username' | 'role' | 'scopeCode' | 'disabled' | 'createdAt' | 'passwordChangedAt'
>;

const listColumns = {
	id: users.id,
	username: users.username,
	role: users.role,
	scopeCode: users.scopeCode,
	disabled: users.disabled,
	createdAt: users.createdAt,
	passwordChangedAt: users.passwordChangedAt
};

export async function userNamed(database: Database, username: string): Promise<UserRow | null> {
	const [row] = await database.db.select().from(users).where(eq(users.username, username)).limit(1);
	return row ?? null;
}

export async function userById(database: Database, id: string): Promise<UserRow | null> {
	const [row] = await database.db.select().from(users).where(eq(users.id, id)).limit(1);
	return row ?? null;
}

export async function insertUser(
	database: Database,
	row: Pick<UserRow, 'id' | 'username' | 'role' | 'scopeCode' | 'passwordHash'>
): Promise<void> {
	await database.db.insert(users).values(row);
}

export async function listUserRows(database: Database): Promise<UserListRow[]> {
	return database.db.select(listColumns).from(users).orderBy(asc(users.username));
}

export async function userListRow(
	database: Database,
	username: string
): Promise<UserListRow | null> {
	const [row] = await database.db
		.select(listColumns)
		.from(users)
		.where(eq(users.username, username))
		.limit(1);
	return row ?? null;
}

/** The user's id, or null when there is no such user. */
export async function setDisabled(
	database: Database,
	username: string,
	disabled: boolean
): Promise<string | null> {
	const [row] = await database.db
		.update(users)
		.set({ disabled })
		.where(eq(users.username, username))
		.returning({ id: users.id });
	return row?.id ?? null;
}

/** A new password hash for the user (by name or id); their id, or null when there is no such user. */
export async function setPasswordHash(
	database: Database,
	who: { username: string } | { id: string },
	passwordHash: string,
	at: Date
): Promise<string | null> {
	const [row] = await database.db
		.update(users)
		.set({ passwordHash, passwordChangedAt: at })
		.where('id' in who ? eq(users.id, who.id) : eq(users.username, who.username))
		.returning({ id: users.id });
	return row?.id ?? null;
}

export async function countUsers(database: Database): Promise<number> {
	const [row] = await jsonRows<{ n: number }>(
		database,
		sql`select jsonb_build_object('n', count(*)) as j from users`
	);
	return Number(row.n);
}
