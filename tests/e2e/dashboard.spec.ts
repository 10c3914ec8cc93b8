import { expect, test } from '@playwright/test';
import { earlierToday, keys, localNow, login } from './helpers.ts';

const fmtInt = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const fmtPct = (x: number | null) =>
	x === null
		? '—'
		: new Intl.NumberFormat('vi-VN', {
				style: 'percent',
				minimumFractionDigits: 1,
				maximumFractionDigits: 1
			}).format(x);

async function summaryOf(
	request: import('@playwright/test').APIRequestContext,
	unit: string,
	from: string,
	to: string
) {
	const r = await request.get(`/api/v1/summary?unit=${unit}&from=${from}&to=${to}`, {
		headers: { authorization: `Bearer ${keys().read}` }
	});
	return r.json();
}

test('overview: login, figures equal the API, live event without reload, drill-down, English', async ({
	page,
	request
}) => {
	const { ingest } = keys();
	const t = earlierToday(30);
	// Some of today's activity before the page opens.
	const seedEvents = [
		{
			id: 'd-1',
			type: 'dossier.received',
			at: t.iso,
			unit: '38001',
			dossier: 'DASH-1',
			procedure: 'KS',
			procedureName: 'Đăng ký khai sinh',
			field: 'HT',
			channel: 'online',
			processingDays: 3
		},
		{
			id: 'd-2',
			type: 'dossier.received',
			at: t.iso,
			unit: '38002',
			dossier: 'DASH-2',
			procedure: 'CT',
			procedureName: 'Chứng thực bản sao',
			field: 'CT',
			channel: 'direct',
			processingDays: 1
		},
		{
			id: 'd-3',
			type: 'dossier.resolved',
			at: earlierToday(10).iso,
			unit: '38002',
			dossier: 'DASH-2'
		},
		{
			id: 'd-4',
			type: 'dossier.rated',
			at: earlierToday(9).iso,
			unit: '38002',
			dossier: 'DASH-2',
			level: 'very_satisfied'
		}
	];
	expect(
		(
			await request.post('/api/v1/events', {
				headers: { authorization: `Bearer ${ingest}` },
				data: { events: seedEvents }
			})
		).status()
	).toBe(200);

	await login(page, '/');
	await expect(page).toHaveURL(/\/units\/38/);
	await page.goto(`/units/38?p=today`);
	await expect(page.getByTestId('live-status')).toHaveText('Đang kết nối trực tiếp', {
		timeout: 10_000
	});

	// Every KPI equals GET /api/v1/summary for the same unit and period.
	const check = async () => {
		const s = await summaryOf(request, '38', t.day, t.day);
		await expect(page.getByTestId('kpi-received-value')).toHaveText(fmtInt(s.received.new));
		await expect(page.getByTestId('kpi-online-value')).toHaveText(fmtPct(s.rates.online));
		await expect(page.getByTestId('kpi-ontime-value')).toHaveText(fmtPct(s.rates.onTime));
		await expect(page.getByTestId('kpi-overdue-value')).toHaveText(fmtInt(s.pending.overdue));
		await expect(page.getByTestId('kpi-satisfaction-value')).toHaveText(
			fmtPct(s.rates.satisfaction)
		);
		return s;
	};
	const before = await check();

	// Map polygons and ranking rows are there.
	await expect(page.locator('[data-testid=map] path.leaflet-interactive')).toHaveCount(3);
	await expect(page.getByTestId('ranking').locator('tbody tr')).toHaveCount(3);
	await expect(page.getByTestId('chart-received')).toBeVisible();
	await page.screenshot({ path: 'test-results/overview.png', fullPage: true });

	// A new event appears in the feed, and the KPI changes, within 1 s, without reload.
	const marker = await page.evaluate(
		() => ((window as unknown as { __marker: number }).__marker = 42)
	);
	const posted = Date.now();
	const ev = {
		id: 'd-5',
		type: 'dossier.received',
		at: localNow(0).iso,
		unit: '38003',
		dossier: 'DASH-3',
		procedure: 'KH',
		procedureName: 'Đăng ký kết hôn',
		field: 'HT',
		channel: 'online',
		processingDays: 5
	};
	expect(
		(
			await request.post('/api/v1/events', {
				headers: { authorization: `Bearer ${ingest}` },
				data: { events: [ev] }
			})
		).status()
	).toBe(200);
	await expect(page.getByTestId('kpi-received-value')).toHaveText(fmtInt(before.received.new + 1), {
		timeout: 1000
	});
	await expect(page.getByTestId('feed')).toContainText('Đăng ký kết hôn', { timeout: 1500 });
	expect(Date.now() - posted).toBeLessThan(2000);
	expect(await page.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(
		marker
	);
	await check();

	// English switch.
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await page.getByTestId('lang-en').click();
	await expect(page.getByText('On-time rate', { exact: true })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByTestId('kpi-received')).toContainText('Received');

	// Clicking a polygon drills down.
	await page.locator('[data-testid=map] path.leaflet-interactive').first().click();
	await expect(page).toHaveURL(/\/units\/3800[123]/);
	await expect(page.getByTestId('kpi-received')).toBeVisible();
	// a commune has no sub-units: a note instead of an empty map and ranking
	await expect(page.getByTestId('leaf-note')).toBeVisible();
	await expect(page.getByTestId('map')).toHaveCount(0);
});
