/**
 * The scoreboard estimate (docs/domain.md#scoreboard) is the same number on the API, the unit page and the wall display,
 * and the freshness table lists the children (§10); screenshots of the new panels are kept and looked at.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { keys, localNow, login } from './helpers.ts';

const SHOTS = 'test-results/shots';
mkdirSync(SHOTS, { recursive: true });
const pts = (x: number | null) =>
	x === null
		? '—'
		: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
				x
			);

test('the month score is the same on the API, the unit page and the wall; freshness lists the children', async ({
	page,
	request
}) => {
	test.setTimeout(60_000);
	// One dossier of this month, received online and resolved in time, rated: every group has data.
	const code = `SCORE-${Date.now().toString(36)}`;
	const events = [
		{
			id: `${code}-r`,
			type: 'dossier.received',
			at: localNow(120).iso,
			unit: '38001',
			dossier: code,
			procedure: 'KS',
			field: 'HT',
			channel: 'online',
			dueAt: localNow(-24 * 60).iso
		},
		{
			id: `${code}-s`,
			type: 'dossier.resolved',
			at: localNow(60).iso,
			unit: '38001',
			dossier: code
		},
		{
			id: `${code}-v`,
			type: 'dossier.rated',
			at: localNow(30).iso,
			unit: '38001',
			dossier: code,
			level: 'satisfied'
		}
	];
	const posted = await request.post('/api/v1/events', {
		headers: { authorization: `Bearer ${keys().ingest}` },
		data: { events }
	});
	expect(posted.status()).toBe(200);
	const today = localNow(0).day;
	const from = `${today.slice(0, 8)}01`;
	const api = await request.get(`/api/v1/scoreboard?unit=38&from=${from}&to=${today}`, {
		headers: { authorization: `Bearer ${keys().read}` }
	});
	expect(api.status()).toBe(200);
	const board = await api.json();
	expect(board.total.max).toBeGreaterThan(0);
	await page.setViewportSize({ width: 1440, height: 900 });
	await login(page, '/units/38?p=month');
	await expect(page.getByTestId('scoreboard')).toBeVisible();
	await expect(page.getByTestId('score-total')).toHaveText(
		board.total.max > 0 ? pts(board.total.points) : '—'
	);
	await expect(page.getByTestId('score-progress')).toContainText(pts(board.progress.points));
	await expect(page.getByTestId('freshness').getByTestId('freshness-row').first()).toBeVisible();
	await page.getByTestId('scoreboard').screenshot({ path: `${SHOTS}/scoreboard-panel.png` });
	await page.getByTestId('freshness').screenshot({ path: `${SHOTS}/freshness-table.png` });

	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`/display/38?key=${keys().display}&rotate=5`);
	const wall = page.getByTestId('wall');
	await expect(wall).toHaveAttribute('data-panel', 'score', { timeout: 15_000 });
	if (board.total.max > 0)
		await expect(page.getByTestId('wall-score-total')).toHaveText(pts(board.total.points));
	await page.waitForTimeout(1500);
	await page.screenshot({ path: `${SHOTS}/wall-score.png` });
});
