/**
 * The admin merger upload: a bad mapping is refused line by line and nothing
 * is written (a good one is covered by tests/integration/mergers.test.ts: it
 * would move the shared e2e units).
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { login } from './helpers.ts';
import { E2E_DIR } from './paths.ts';

test('a bad merger mapping is listed by line and changes nothing', async ({ page }) => {
	await login(page, '/admin/mergers');
	await expect(page.getByRole('heading', { name: 'Sáp nhập đơn vị' })).toBeVisible();
	await expect(page.getByTestId('mergers-list')).toContainText('Chưa có đơn vị nào được sáp nhập.');
	mkdirSync(E2E_DIR, { recursive: true });
	const file = join(E2E_DIR, 'bad-mergers.csv');
	writeFileSync(
		file,
		'old_code,new_code,effective_date\n38001,38002,2025-07-01\n38003,99999,2025-07-01\n38002,38002,2025-13-01\n'
	);
	await page.getByTestId('mergers-file').setInputFiles(file);
	await page.getByRole('button', { name: 'Nhập', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Tệp có 2 lỗi — chưa có gì được ghi.');
	const errors = page.getByTestId('mergers-errors');
	await expect(errors).toContainText('Dòng 3');
	await expect(errors).toContainText('unknown new_code "99999"');
	await expect(errors).toContainText('Dòng 4');
	await page.reload();
	await expect(page.getByTestId('mergers-list')).toContainText('Chưa có đơn vị nào được sáp nhập.');
});
