import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { earlierToday, keys, localNow, login } from './helpers.ts';

const SHOTS = '/tmp/shots/overdue-helper';
mkdirSync(SHOTS, { recursive: true });
test.use({ viewport: { width: 1440, height: 900 } });

/** ISO with +07:00 of an instant `ms` from now. */
function isoIn(ms: number): string {
	const t = new Date(Date.now() + ms + 7 * 3600_000);
	return t.toISOString().slice(0, 19) + '+07:00';
}

test('a dossier moves from at-risk to overdue on /overdue without reload; its page shows the timeline', async ({
	page,
	request
}) => {
	const { ingest } = keys();
	const code = `OVD-${Date.now().toString(36)}`;
	const dueAt = isoIn(15_000);
	const events = [
		{
			id: `${code}-r`,
			type: 'dossier.received',
			at: localNow(60).iso,
			unit: '38001',
			dossier: code,
			procedure: 'CT-01',
			procedureName: 'Chứng thực bản sao từ bản chính',
			field: 'CT',
			fieldName: 'Chứng thực',
			channel: 'direct',
			dueAt
		},
		{
			id: `${code}-s`,
			type: 'dossier.supplement_requested',
			at: localNow(30).iso,
			unit: '38001',
			dossier: code,
			reason: 'Thiếu bản chính'
		},
		// A calm background: one dossier overdue for days, one due tomorrow.
		{
			id: `${code}-o`,
			type: 'dossier.received',
			at: localNow(60 * 24 * 6).iso,
			unit: '38002',
			dossier: `${code}-OLD`,
			procedure: 'KS',
			procedureName: 'Đăng ký khai sinh',
			field: 'HT',
			fieldName: 'Hộ tịch',
			channel: 'online',
			dueAt: isoIn(-3 * 86_400_000)
		},
		{
			id: `${code}-t`,
			type: 'dossier.received',
			at: localNow(60).iso,
			unit: '38003',
			dossier: `${code}-TMR`,
			procedure: 'KH',
			procedureName: 'Đăng ký kết hôn',
			field: 'HT',
			fieldName: 'Hộ tịch',
			channel: 'postal',
			dueAt: isoIn(20 * 3600_000)
		}
	];
	const posted = await request.post('/api/v1/events', {
		headers: { authorization: `Bearer ${ingest}` },
		data: { events }
	});
	expect(posted.status()).toBe(200);

	await login(page, '/overdue?tab=atRisk');
	await expect(page).toHaveURL(/\/overdue\?tab=atRisk/);
	await expect(page.getByTestId('live-status')).toHaveText('Đang kết nối trực tiếp', {
		timeout: 10_000
	});
	const table = page.getByTestId('watch-table');
	const row = table.locator(`tr[data-dossier="${code}"]`);
	await expect(table).toHaveAttribute('data-tab', 'atRisk');
	await expect(row).toBeVisible();
	await expect(row).toContainText('còn');
	await expect(row).toContainText('Chứng thực bản sao từ bản chính');
	await expect(row).toContainText('Chưa có');
	await page.screenshot({ path: `${SHOTS}/overdue-atrisk.png` });
	const overdueBefore = Number(await page.getByTestId('count-overdue').innerText());
	const atRiskBefore = Number(await page.getByTestId('count-atRisk').innerText());
	expect(Date.now()).toBeLessThan(Date.parse(dueAt));

	// No reload from here: the ticker announces `dossier.overdue`, the page refetches.
	await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 7));
	await expect(row).toHaveCount(0, { timeout: 30_000 });
	expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(dueAt));
	await expect(page.getByTestId('count-overdue')).toHaveText(String(overdueBefore + 1));
	await expect(page.getByTestId('count-atRisk')).toHaveText(String(atRiskBefore - 1));
	expect(await page.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(7);

	// The overdue tab lists it, red with a word, most overdue first.
	await page.getByTestId('tab-overdue').click();
	await expect(table).toHaveAttribute('data-tab', 'overdue');
	const late = table.locator(`tr[data-dossier="${code}"]`);
	await expect(late).toContainText('quá');
	const order = await table
		.locator('tbody tr')
		.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-dossier')));
	expect(order.indexOf(`${code}-OLD`)).toBeLessThan(order.indexOf(code));
	await page.screenshot({ path: `${SHOTS}/overdue-overdue.png` });

	// A filter from the per-unit table, then the CSV of that view.
	await page.getByTestId('unit-counts').locator('tr[data-unit="38001"] a').first().click();
	await expect(page).toHaveURL(/child=38001/);
	await expect(table.locator(`tr[data-dossier="${code}-OLD"]`)).toHaveCount(0);
	const csv = await page.request.get('/overdue/export?tab=overdue&unit=38&child=38001');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toMatch(/text\/csv/);
	const body = Buffer.from(await csv.body());
	expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	expect(body.toString('utf8')).toContain('Mã hồ sơ');
	expect(body.toString('utf8')).toContain(code);

	// The dossier page: appointment, status, timeline including the automatic overdue mark.
	await late.getByRole('link', { name: code }).click();
	await expect(page).toHaveURL(new RegExp(`/dossiers/${code}`));
	await expect(page.getByTestId('dossier-status')).toContainText('Đang giải quyết');
	const tl = page.getByTestId('timeline');
	await expect(tl.locator('li')).toHaveCount(3);
	await expect(tl.locator('li').nth(0)).toContainText('Tiếp nhận hồ sơ');
	await expect(tl.locator('li').nth(1)).toContainText('Yêu cầu bổ sung');
	await expect(tl.locator('li').nth(1)).toContainText('Thiếu bản chính');
	await expect(tl.locator('li').nth(2)).toContainText('Quá hạn');
	await page.screenshot({ path: `${SHOTS}/dossier.png`, fullPage: true });
	expect((await page.goto('/dossiers/NO-SUCH-DOSSIER'))!.status()).toBe(404);
});

test('admin calendar: the year with its holidays, add and remove an override', async ({ page }) => {
	await login(page, '/admin/calendar?year=2026');
	await expect(page).toHaveURL(/\/admin\/calendar/);
	await expect(page.getByRole('heading', { name: 'Lịch làm việc 2026' })).toBeVisible();
	await expect(page.getByTestId('applies-note')).toContainText('hồ sơ tiếp nhận sau');
	await expect(page.getByTestId('calendar-days')).toContainText('Tết Nguyên đán');
	await expect(page.getByTestId('month-grid').locator('td[data-day="2026-02-17"]')).toHaveClass(
		/holiday/
	);
	const form = page.getByTestId('calendar-set');
	await form.getByLabel('Ngày', { exact: true }).fill('31/12/2026');
	await form.getByLabel('Loại').selectOption('off');
	await form.getByLabel('Ghi chú').fill('Nghỉ cuối năm (thử)');
	await form.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('status')).toContainText('Đã lưu 31/12/2026');
	await expect(page.getByTestId('overrides')).toContainText('Nghỉ cuối năm (thử)');
	await expect(page.getByTestId('month-grid').locator('td[data-day="2026-12-31"]')).toHaveClass(
		/override/
	);
	await page.screenshot({ path: `${SHOTS}/admin-calendar.png`, fullPage: true });
	await page.getByRole('button', { name: 'Xóa 31/12/2026' }).click();
	await expect(page.getByText('Chưa có điều chỉnh nào trong năm 2026.')).toBeVisible();
});

test('anomaly counts on the unit page link to the same dossiers on the anomalies tab', async ({
	page,
	request
}) => {
	const { ingest } = keys();
	const code = `PH-${Date.now().toString(36)}`;
	// Returned to the citizen before the appointment, never closed in the software; two supplement requests.
	const events = [
		{
			id: `${code}-r`,
			type: 'dossier.received',
			at: earlierToday(20).iso,
			unit: '38002',
			dossier: code,
			procedure: 'DD-01',
			procedureName: 'Đăng ký biến động đất đai',
			field: 'DD',
			fieldName: 'Đất đai',
			channel: 'online',
			dueAt: earlierToday(10).iso
		},
		{
			id: `${code}-s1`,
			type: 'dossier.supplement_requested',
			at: earlierToday(19).iso,
			unit: '38002',
			dossier: code
		},
		{
			id: `${code}-s2`,
			type: 'dossier.supplement_requested',
			at: earlierToday(18).iso,
			unit: '38002',
			dossier: code
		},
		{
			id: `${code}-t`,
			type: 'dossier.returned',
			at: earlierToday(15).iso,
			unit: '38002',
			dossier: code
		}
	];
	expect(
		(
			await request.post('/api/v1/events', {
				headers: { authorization: `Bearer ${ingest}` },
				data: { events }
			})
		).status()
	).toBe(200);

	await login(page, '/units/38?p=today');
	await expect(page).toHaveURL(/\/units\/38/);
	const panel = page.getByTestId('anomaly-panel');
	const phantom = panel.getByTestId('anomaly-phantom_overdue');
	await expect(phantom).toContainText('Quá hạn ảo');
	const n = Number((await phantom.locator('b').innerText()).replace(/\./g, ''));
	expect(n).toBeGreaterThanOrEqual(1);
	await expect(panel.getByTestId('anomaly-many_supplements').locator('b')).not.toHaveText('0');
	await panel.screenshot({ path: `${SHOTS}/unit-anomaly-panel.png` });

	await phantom.click();
	await expect(page).toHaveURL(/\/overdue\?.*tab=anomalies/);
	await expect(page).toHaveURL(/flag=phantom_overdue/);
	await expect(page.getByTestId('count-anomalies')).toHaveText(String(n));
	const row = page.getByTestId('watch-table').locator(`tr[data-dossier="${code}"]`);
	await expect(row).toContainText('Quá hạn ảo');
	await expect(row).toContainText('Bổ sung nhiều lần');
	await page.screenshot({ path: `${SHOTS}/overdue-anomalies.png` });
	await page.goto(`/dossiers/${code}`);
	await expect(page.getByTestId('dossier-flags')).toContainText(
		'Kết quả đã trả cho công dân đúng hạn'
	);
	await page.screenshot({ path: `${SHOTS}/dossier-phantom.png`, fullPage: true });
	// English
	await page.goto(`/overdue?tab=anomalies&lang=en`);
	await expect(page.getByTestId('tab-anomalies')).toContainText('Anomalies');
	await page.screenshot({ path: `${SHOTS}/overdue-anomalies-en.png` });
});

test('a reminder recorded from the watch: the document to send, then "đã nhắc" on the row and the reminded filter', async ({
	page,
	request
}) => {
	const { ingest } = keys();
	const code = `REM-${Date.now().toString(36)}`;
	const events = [
		{
			id: `${code}-r`,
			type: 'dossier.received',
			at: localNow(60 * 24 * 8).iso,
			unit: '38002',
			dossier: code,
			procedure: 'KS',
			procedureName: 'Đăng ký khai sinh',
			field: 'HT',
			fieldName: 'Hộ tịch',
			channel: 'direct',
			dueAt: isoIn(-2 * 86_400_000)
		}
	];
	expect(
		(
			await request.post('/api/v1/events', {
				headers: { authorization: `Bearer ${ingest}` },
				data: { events }
			})
		).status()
	).toBe(200);
	await login(page, '/overdue?unit=38');
	const row = page.getByTestId('watch-table').locator(`tr[data-dossier="${code}"]`);
	await expect(row).toBeVisible();
	await row.locator('input[type=checkbox]').check();
	await page.getByTestId('remind').locator('summary').click();
	await page.getByTestId('remind-selected').click();
	await page.waitForURL(/\/reminders\/rem_[a-z2-7]{13}$/);
	await expect(page.getByTestId('reminder')).toContainText(code);
	await page.screenshot({ path: `${SHOTS}/reminder.png`, fullPage: true });
	await page.goto('/overdue?unit=38&reminded=yes');
	await expect(
		page.getByTestId('watch-table').locator(`tr[data-dossier="${code}"]`).getByTestId('reminded')
	).toHaveText('đã nhắc hôm nay');
	await page.goto('/overdue?unit=38&reminded=no');
	await expect(page.getByTestId('watch-table').locator(`tr[data-dossier="${code}"]`)).toHaveCount(
		0
	);
});
