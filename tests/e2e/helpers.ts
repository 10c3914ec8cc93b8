import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_ADMIN, E2E_DIR } from './paths.ts';

export const keys = () =>
	JSON.parse(readFileSync(join(E2E_DIR, 'keys.json'), 'utf8')) as {
		ingest: string;
		read: string;
		display: string;
	};

export async function login(page: Page, next = '/') {
	await page.goto(next);
	await expect(page).toHaveURL(/\/login/);
	await page.getByLabel('Tên đăng nhập').fill(E2E_ADMIN.username);
	await page.getByLabel('Mật khẩu').fill(E2E_ADMIN.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Local (UTC+7) 'YYYY-MM-DD' and an ISO time `minutesAgo` before now, with +07:00. */
export function localNow(minutesAgo = 0) {
	const t = new Date(Date.now() - minutesAgo * 60_000 + 7 * 3600_000);
	return { day: t.toISOString().slice(0, 10), iso: t.toISOString().slice(0, 19) + '+07:00' };
}

/**
 * For a spec whose events must fall on today (Vietnam): `localNow(minutesAgo)` (up to 60), except in the
 * first hour of the local day, when every offset shrinks in proportion to the time since midnight — the
 * instants keep their order and stay after midnight (a run at 00:10 had its "30 minutes ago" on yesterday,
 * and the page showing today missed it).
 */
export function earlierToday(minutesAgo: number) {
	const sinceMidnight = ((Date.now() + 7 * 3600_000) % 86_400_000) / 60_000;
	return localNow(sinceMidnight > 61 ? minutesAgo : (minutesAgo * sinceMidnight) / 61);
}
