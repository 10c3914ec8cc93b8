/**
 * Login throttling from the `login_failures` table: at most 5 failed logins per
 * username and 20 per client IP in any 15 minutes. A throttled attempt is
 * refused before the password is even checked (the right password too) and is
 * not itself counted; a successful login clears the username's failures.
 * Rows older than the window are pruned.
 */
import type { Database } from '../db/index.ts';
import {
	deleteFailuresBefore,
	deleteFailuresOf,
	failuresSince,
	insertFailure
} from '../queries/login-failures.ts';

export const WINDOW_MS = 15 * 60_000;
export const MAX_PER_USERNAME = 5;
export const MAX_PER_IP = 20;

export type ThrottleState =
	{ throttled: false } | { throttled: true; by: 'username' | 'ip'; retryAfterSeconds: number };

/** Usernames compare case-insensitively here, so `Admin` and `admin` share one budget. */
const keyOf = (username: string) => username.trim().toLowerCase().slice(0, 200);

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
	const byUser = await failuresSince(database, 'username', keyOf(username), since);
	if (byUser.length >= MAX_PER_USERNAME)
		return {
			throttled: true,
			by: 'username',
			retryAfterSeconds: retryAfter(byUser, MAX_PER_USERNAME, now)
		};
	const byIp = await failuresSince(database, 'ip', ip, since);
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
	await insertFailure(database, { at: now, username: keyOf(username), ip });
}

export async function clearFailures(database: Database, username: string): Promise<void> {
	await deleteFailuresOf(database, keyOf(username));
}

/** Deletes rows that no longer count (older than the window). */
export async function pruneFailures(database: Database, now: Date): Promise<void> {
	const before = new Date(now.getTime() - WINDOW_MS);
	await deleteFailuresBefore(database, before);
}
