import { expect, test, type APIRequestContext, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keys, login } from './helpers.ts';

const fmtInt = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const FROM = '2024-05-01';
const TO = '2024-05-31';
const at = (s: string) => `2024-${s}:00+07:00`;

/** The twelve figure columns of form II.06a, in order, from a §4 summary. */
const formValues = (s: any): number[] => [
	s.received.total,
	s.received.online,
	s.received.direct + s.received.postal,
	s.received.carriedOver,
	s.resolved.total,
	s.resolved.early,
	s.resolved.onTime,
	s.resolved.overdue,
	s.pending.total,
	s.pending.withinDeadline,
	s.pending.overdue,
	s.withdrawn
];

async function summaryOf(request: APIRequestContext, unit: string) {
	const r = await request.get(`/api/v1/summary?unit=${unit}&from=${FROM}&to=${TO}`, {
		headers: { authorization: `Bearer ${keys().read}` }
	});
	expect(r.status()).toBe(200);
	return r.json();
}

async function expectRow(row: Locator, values: number[]) {
	for (let i = 0; i < values.length; i++)
		await expect(row.locator(`td[data-col="${i}"]`)).toHaveText(fmtInt(values[i]));
}

function dossier(
	code: string,
	unit: string,
	received: string,
	due: string,
	extra: Record<string, unknown>,
	then: Record<string, unknown>[] = []
) {
	return [
		{
			id: `${code}-r`,
			type: 'dossier.received',
			at: at(received),
			unit,
			dossier: code,
			dueAt: at(due),
			...extra
		},
		...then.map((e, i) => ({ id: `${code}-${i}`, unit, dossier: code, ...e }))
	];
}

const HT = {
	field: 'HT',
	fieldName: 'Hộ tịch',
	procedure: 'KS',
	procedureName: 'Đăng ký khai sinh'
};
const CT = {
	field: 'CT',
	fieldName: 'Chứng thực',
	procedure: 'CTBS',
	procedureName: 'Chứng thực bản sao từ bản chính'
};
const DD = {
	field: 'DD',
	fieldName: 'Đất đai',
	procedure: 'GCN',
	procedureName: 'Cấp giấy chứng nhận quyền sử dụng đất'
};

const EVENTS = [
	...dossier(
		'REP-1',
		'38001',
		'05-06T09:00',
		'05-08T17:00',
		{ ...HT, channel: 'online', onlineLevel: 'full', digitized: true },
		[
			{ type: 'dossier.resolved', at: at('05-07T10:00'), resultDigitized: true },
			{ type: 'dossier.rated', at: at('05-07T11:00'), level: 'very_satisfied', via: 'kiosk' }
		]
	),
	...dossier('REP-2', '38001', '05-06T10:00', '05-07T16:00', { ...CT, channel: 'direct' }, [
		{ type: 'dossier.resolved', at: at('05-07T15:00') }
	]),
	...dossier('REP-3', '38002', '05-08T08:00', '05-10T17:00', { ...HT, channel: 'direct' }, [
		{ type: 'dossier.resolved', at: at('05-15T09:00') }
	]),
	...dossier('REP-4', '38002', '05-09T08:00', '05-13T17:00', { ...DD, channel: 'postal' }, [
		{ type: 'dossier.returned', at: at('05-13T10:00') },
		{ type: 'dossier.resolved', at: at('05-16T09:00') }
	]),
	...dossier(
		'REP-5',
		'38003',
		'05-20T08:00',
		'05-22T17:00',
		{ ...DD, channel: 'online', onlineLevel: 'partial' },
		[
			{
				type: 'dossier.rescheduled',
				at: at('05-22T09:00'),
				dueAt: at('06-05T17:00'),
				apology: true
			}
		]
	),
	...dossier('REP-6', '38003', '05-27T08:00', '06-10T17:00', { ...HT, channel: 'direct' }),
	...dossier('REP-7', '38001', '05-10T08:00', '05-14T17:00', { ...CT, channel: 'direct' }, [
		{ type: 'dossier.withdrawn', at: at('05-11T08:00') }
	]),
	...dossier('REP-8', '38', '05-14T08:00', '05-16T17:00', { ...HT, channel: 'direct' }, [
		{ type: 'dossier.resolved', at: at('05-15T08:00') }
	]),
	{
		id: 'REP-F1',
		type: 'feedback.received',
		at: at('05-20T09:00'),
		unit: '38001',
		feedback: 'REP-F1',
		kind: 'conduct'
	}
];

test('reports: figures equal the API, late lists and flags, exports, print to PDF', async ({
	page,
	request
}) => {
	const post = await request.post('/api/v1/events', {
		headers: { authorization: `Bearer ${keys().ingest}` },
		data: { events: EVENTS }
	});
	expect(post.status(), await post.text()).toBe(200);

	await page.setViewportSize({ width: 1440, height: 900 });
	const url = `/reports?unit=38&p=month&from=${FROM}`;
	await login(page, url);
	await expect(page).toHaveURL(/\/reports\?/);
	await expect(page.getByTestId('report-period')).toContainText('Tháng 5/2024');

	// The II.06a table: the unit's own counter first, the children, the total — equal to GET /api/v1/summary.
	const total = await summaryOf(request, '38');
	expect(total.received.total).toBe(8);
	const units = page.getByTestId('table-units');
	await expect(units.locator('tbody tr').first()).toHaveAttribute('data-key', 'own-38');
	await expect(units.locator('tbody tr')).toHaveCount(4);
	await expectRow(page.getByTestId('table-units-total'), formValues(total));
	for (const child of ['38001', '38002', '38003'])
		await expectRow(
			units.locator(`tbody tr[data-key="${child}"]`),
			formValues(await summaryOf(request, child))
		);
	await expect(page.getByTestId('table-units-total').locator('td.num').first()).toHaveCSS(
		'font-weight',
		'700'
	);
	await expect(units.locator('td.num').first()).toHaveCSS('text-align', 'right');

	// By field: three fields whose total is the same.
	await expect(page.getByTestId('table-fields').locator('tbody tr')).toHaveCount(3);
	await expectRow(page.getByTestId('table-fields-total'), formValues(total));
	await expect(page.getByTestId('table-procedures').locator('tbody tr').first()).toContainText(
		'Đăng ký khai sinh'
	);

	// Late lists: resolved late = resolved.overdue, still overdue = pending.overdue; flags counted.
	await expect(page.getByTestId('late-resolved-count')).toHaveText(
		`(${fmtInt(total.resolved.overdue)})`
	);
	await expect(page.getByTestId('late-pending-count')).toHaveText(
		`(${fmtInt(total.pending.overdue)})`
	);
	await expect(page.getByTestId('late-resolved').locator('tbody tr')).toHaveCount(2);
	await expect(page.getByTestId('late-resolved')).toContainText('quá hạn ảo');
	await expect(page.getByTestId('late-pending')).toContainText('có phiếu xin lỗi');
	await expect(page.getByTestId('ind-phantom')).toHaveText('1');
	await expect(page.getByTestId('ind-noApology')).toHaveText('2');
	// Online dossiers by where they were rated: as many as the summary's online ones.
	await expect(page.getByTestId('or-total-0')).toHaveText(fmtInt(total.received.online));

	// Comparison and narrative.
	await expect(page.getByTestId('cmp-receivedNew-prev')).toHaveText(
		`▲ ${fmtInt(total.received.new)}`
	);
	await expect(page.getByTestId('narrative')).toContainText(
		`Tổng số hồ sơ tiếp nhận: ${fmtInt(total.received.total)} hồ sơ, trong đó trực tuyến 2 hồ sơ (chiếm 25,0%)`
	);
	if (process.env.SHOTS_DIR)
		await page.screenshot({
			path: join(process.env.SHOTS_DIR, 'reports-screen.png'),
			fullPage: true
		});

	// Exports: CSV (with BOM) and XLSX, named after the unit and period.
	const name = `II06a_38_${FROM}_${TO}`;
	const [csv] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-csv').click()
	]);
	expect(csv.suggestedFilename()).toBe(`${name}.csv`);
	const csvBytes = readFileSync(await csv.path());
	expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	expect(csvBytes.toString('utf8')).toContain('Tổng cộng');
	const [xlsx] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-xlsx').click()
	]);
	expect(xlsx.suggestedFilename()).toBe(`${name}.xlsx`);
	expect(
		readFileSync(await xlsx.path())
			.subarray(0, 2)
			.toString('latin1')
	).toBe('PK');

	// Print: no navigation chrome, table headings repeat, A4 landscape PDF with one page or more.
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.top')).toBeHidden();
	await expect(page.getByTestId('print')).toBeHidden();
	await expect(units.locator('thead')).toHaveCSS('display', 'table-header-group');
	if (process.env.SHOTS_DIR)
		await page.screenshot({
			path: join(process.env.SHOTS_DIR, 'reports-print.png'),
			fullPage: true
		});
	const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
	expect(pages.length).toBeGreaterThanOrEqual(1);
	if (process.env.SHOTS_DIR)
		(await import('node:fs')).writeFileSync(join(process.env.SHOTS_DIR, 'reports.pdf'), pdf);
});

test('reports: the period kinds and steps keep the unit; a unit outside the scope is refused', async ({
	page
}) => {
	await login(page, `/reports?unit=38001&p=month&from=${FROM}`);
	await expect(page).toHaveURL(/unit=38001/);
	await page.getByRole('link', { name: 'Kỳ 15–14' }).click();
	await expect(page).toHaveURL(/p=reporting/);
	await expect(page.getByTestId('report-period')).toContainText('15/04/2024 – 14/05/2024');
	await page.getByTestId('period-prev').click();
	await expect(page.getByTestId('report-period')).toContainText('15/03/2024 – 14/04/2024');
	await expect(page).toHaveURL(/unit=38001/);
	const outside = await page.goto('/reports?unit=40');
	expect(outside?.status()).toBe(403);
	const bad = await page.goto('/reports?unit=38&p=custom&from=2024-05-10');
	expect(bad?.status()).toBe(400);
});

test('a snapshot frozen from the report page opens as frozen, prints, and its drift shows a late event', async ({
	page,
	request
}) => {
	await login(page, `/reports?unit=38&p=month&from=${FROM}`);
	await page.getByTestId('snapshot-open').click();
	await page.getByTestId('snapshot-title').fill('Thông báo giám sát <script>alert(1)</script>');
	await page.getByTestId('snapshot-create').click();
	await page.waitForURL(/\/snapshots\/snp_[a-z2-7]{16}$/);
	const banner = page.getByTestId('snapshot-banner');
	await expect(banner).toContainText('Số liệu chốt lúc');
	await expect(banner).toContainText('Thông báo giám sát <script>alert(1)</script>');
	const id = /snp_[a-z2-7]{16}/.exec(page.url())![0];
	const frozen = await (
		await request.get(`/api/v1/snapshots/${id}`, {
			headers: { authorization: `Bearer ${keys().read}` }
		})
	).json();
	await expect(page.getByTestId('table-units-total').locator('td[data-col="0"]')).toHaveText(
		fmtInt(frozen.table.total.received.total)
	);
	await expect(page.getByTestId('drift-none')).toBeVisible();

	// A May resolution synchronised late: the live figures move, the snapshot does not, the drift names the dossier.
	const late = [
		{
			id: 'snap-late-1',
			type: 'dossier.resolved',
			at: at('05-20T10:00'),
			unit: '38001',
			dossier: 'REP-SNAP'
		}
	];
	const post = await request.post('/api/v1/events', {
		headers: { authorization: `Bearer ${keys().ingest}` },
		data: {
			events: [
				{
					id: 'snap-late-0',
					type: 'dossier.received',
					at: at('05-19T09:00'),
					unit: '38001',
					dossier: 'REP-SNAP',
					procedure: 'KS',
					field: 'HT',
					channel: 'direct',
					dueAt: at('05-22T17:00')
				},
				...late
			]
		}
	});
	expect(post.status()).toBe(200);
	await page.reload();
	await expect(page.getByTestId('drift-dossiers')).toContainText('REP-SNAP');
	const again = await request.get(`/api/v1/snapshots/${id}`, {
		headers: { authorization: `Bearer ${keys().read}` }
	});
	expect(await again.json()).toEqual(frozen);
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
	await page.screenshot({ path: 'test-results/shots/snapshot.png', fullPage: true });
});
