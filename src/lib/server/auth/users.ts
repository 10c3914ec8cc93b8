/** Users of the dashboard: one role, one scope unit, argon2id passwords. */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import type { UserRole } from './roles.ts';
import { randomString } from './tokens.ts';

export function generatePassword(): string {
	return randomString(12);
}

export async function createUser(
	database: Database,
	input: { username: string; role: UserRole; scopeCode: string; password: string }
): Promise<{ id: string }> {
	const weak = checkPasswordStrength(input.password);
	if (weak) throw new Error(weak);
	const existing = await database.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
	if (existing.length > 0) throw new Error(`user "${input.username}" already exists`);
	const id = `u${randomString(10)}`;
	await database.db.insert(users).values({
		id,
		username: input.username,
		role: input.role,
		scopeCode: input.scopeCode,
		passwordHash: await hashPassword(input.password)
	});
	return { id };
}
