/**
 * Login throttling from the `login_failures` table: at most 5 failed logins per
 * username and 20 per client IP in any 15 minutes. A throttled attempt is
 * refused before the password is even checked (the right password too) and is
 * not itself counted; a successful login clears the username's failures.
 * Rows older than the window are pruned.
 */
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { loginFailures } from '../db/schema.ts';

export const WINDOW_MS = 15 * 60_000;
export const MAX_PER_USERNAME = 5;
export const MAX_PER_IP = 20;

export type ThrottleState =
	{ throttled: false } | { throttled: true; by: 'username' | 'ip'; retryAfterSeconds: number };

/** Usernames compare case-insensitively here, so `Admin` and `admin` share one budget. */
const keyOf = (username: string) => username.trim().toLowerCase().slice(0, 200);

async function recent(
	database: Database,
	column: typeof loginFailures.username | typeof loginFailures.ip,
	value: string,
	since: Date
) {
	return database.db
		.select({ at: loginFailures.at })
		.from(loginFailures)
		.where(and(eq(column, value), gte(loginFailures.at, since)))
		.orderBy(asc(loginFailures.at));
}

/** Seconds until enough of the oldest failures leave the window for one more attempt. */
function retryAfter(times: { at: Date }[], limit: number, now: Date): number {
	const freeing = times[times.length - limit];
	return Math.max(1, Math.ceil((freeing.at.getTime() + WINDOW_MS - now.getTime()) / 1000));
}

export async function checkThrottle(
	database: Database,
	username: string,
	ip: string,
	now: Date
): Promise<ThrottleState> {
	const since = new Date(now.getTime() - WINDOW_MS);
	const byUser = await recent(database, loginFailures.username, keyOf(username), since);
	if (byUser.length >= MAX_PER_USERNAME)
		return {
			throttled: true,
			by: 'username',
			retryAfterSeconds: retryAfter(byUser, MAX_PER_USERNAME, now)
		};
	const byIp = await recent(database, loginFailures.ip, ip, since);
	if (byIp.length >= MAX_PER_IP)
		return { throttled: true, by: 'ip', retryAfterSeconds: retryAfter(byIp, MAX_PER_IP, now) };
	return { throttled: false };
}

export async function recordFailure(
	database: Database,
	username: string,
	ip: string,
	now: Date
): Promise<void> {
	await database.db.insert(loginFailures).values({ at: now, username: keyOf(username), ip });
}

export async function clearFailures(database: Database, username: string): Promise<void> {
	await database.db.delete(loginFailures).where(eq(loginFailures.username, keyOf(username)));
}

/** Deletes rows that no longer count (older than the window). */
export async function pruneFailures(database: Database, now: Date): Promise<void> {
	const before = new Date(now.getTime() - WINDOW_MS);
	await database.db.delete(loginFailures).where(lt(loginFailures.at, before));
}
