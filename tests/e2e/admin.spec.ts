/**
 * The admin pages in a browser: users (create, password shown once, disable),
 * the user's own password change, API keys (token once, revoke), display links,
 * the unit registry (preview with errors, then import), the audit log.
 * Screenshots at 1440×900 go to /tmp/shots/access-helper/.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { login } from './helpers.ts';
import { E2E_DIR } from './paths.ts';

const SHOTS = '/tmp/shots/access-helper';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
	page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

test.use({ viewport: { width: 1440, height: 900 } });

async function signInAs(page: Page, username: string, password: string) {
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

test('users: create with a generated password, the user changes it, an admin disables them', async ({
	page,
	browser
}) => {
	await page.goto('/login');
	await shot(page, 'login');
	await login(page, '/admin');
	await expect(page).toHaveURL(/\/admin\/users$/);
	await expect(
		page.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name: 'Lịch làm việc' })
	).toHaveAttribute('href', '/admin/calendar');

	// The server validates too (the browser's own checks switched off): errors in Vietnamese, nothing created.
	const form = page.locator('form[action="?/create"]');
	await form.evaluate((f: HTMLFormElement) => (f.noValidate = true));
	await form.getByLabel('Tên đăng nhập').fill('tổ-giám-sát');
	await form.getByLabel('Phạm vi (mã đơn vị)').fill('38');
	await form.getByRole('button', { name: 'Tạo' }).click();
	await expect(page.getByRole('alert')).toContainText('Tên đăng nhập: 3–64 ký tự');
	await form.getByLabel('Tên đăng nhập').fill('e2e-new-unit');
	await form.getByLabel('Vai trò').selectOption('unit');
	await form.getByLabel('Phạm vi (mã đơn vị)').fill('99999');
	await form.getByLabel('Mật khẩu').fill('ngắn');
	await form.getByRole('button', { name: 'Tạo' }).click();
	await expect(page.getByRole('alert')).toContainText('ít nhất 10 ký tự');
	await form.getByLabel('Mật khẩu').fill('');
	await form.getByRole('button', { name: 'Tạo' }).click();
	await expect(page.getByRole('alert')).toContainText('Không có đơn vị mã "99999"');

	await form.getByLabel('Tên đăng nhập').fill('e2e-new-unit');
	await form.getByLabel('Vai trò').selectOption('unit');
	await form.getByLabel('Phạm vi (mã đơn vị)').fill('38003');
	await form.getByRole('button', { name: 'Tạo' }).click();
	const password = await page.getByTestId('user-password').inputValue();
	expect(password).toMatch(/^[a-z2-7]{20}$/);
	await expect(page.getByTestId('users')).toContainText('e2e-new-unit');
	await shot(page, 'admin-users');
	// Shown once: a reload does not show it again.
	await page.reload();
	await expect(page.getByTestId('user-password')).toHaveCount(0);

	// The new user signs in elsewhere and changes the password.
	const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const theirs = await other.newPage();
	await signInAs(theirs, 'e2e-new-unit', password);
	await expect(theirs).toHaveURL(/\/units\/38003$/);
	await expect(theirs.getByRole('link', { name: 'Quản trị' })).toHaveCount(0);
	await theirs.goto('/admin/users');
	await expect(theirs.getByText('Không có quyền truy cập')).toBeVisible();
	await theirs.goto('/account');
	await theirs.getByLabel('Mật khẩu hiện tại').fill(password);
	await theirs.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('ngắn');
	await theirs.getByLabel('Nhập lại mật khẩu mới').fill('ngắn');
	await theirs.getByRole('button', { name: 'Lưu' }).click();
	// The browser's own minlength check stops it first; the server says the same when bypassed.
	await expect(theirs.getByRole('status')).toHaveCount(0);
	await theirs.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('mật-khẩu-mới-của-tôi');
	await theirs.getByLabel('Nhập lại mật khẩu mới').fill('mật-khẩu-mới-của-tôi');
	await theirs.getByRole('button', { name: 'Lưu' }).click();
	await expect(theirs.getByRole('status')).toContainText('Đã đổi mật khẩu');
	await shot(theirs, 'account');
	// The fresh session works.
	await theirs.goto('/units/38003');
	await expect(theirs).toHaveURL(/\/units\/38003$/);

	// The admin disables the user: their session ends at once.
	await page
		.locator('tr', { hasText: 'e2e-new-unit' })
		.getByRole('button', { name: 'Khóa' })
		.click();
	await expect(page.locator('tr', { hasText: 'e2e-new-unit' })).toContainText('Đã khóa');
	await theirs.goto('/units/38003');
	await expect(theirs).toHaveURL(/\/login/);
	await signInAs(theirs, 'e2e-new-unit', 'mật-khẩu-mới-của-tôi');
	await expect(theirs.getByTestId('login-error')).toBeVisible();
	await page
		.locator('tr', { hasText: 'e2e-new-unit' })
		.getByRole('button', { name: 'Mở khóa' })
		.click();
	await expect(page.locator('tr', { hasText: 'e2e-new-unit' })).toContainText('Đang hoạt động');
	await other.close();
});

test('API keys and display links: shown once, usable, revocable', async ({ page, request }) => {
	await login(page, '/admin/keys');
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Tên').fill('e2e-read-admin');
	await form.getByLabel('Vai trò').selectOption('read');
	await form.getByLabel('Phạm vi (mã đơn vị)').fill('38');
	await form.getByRole('button', { name: 'Tạo' }).click();
	const token = await page.getByTestId('key-token').inputValue();
	expect(token).toMatch(/^mcl_k[a-z2-7]+\.[a-z2-7]+$/);
	const summary = () =>
		request.get('/api/v1/summary?unit=38&from=2024-01-01&to=2024-01-31', {
			headers: { authorization: `Bearer ${token}` }
		});
	expect((await summary()).status()).toBe(200);
	await page.reload();
	const row = page.locator('tr', { hasText: 'e2e-read-admin' });
	await expect(row).not.toContainText('Chưa dùng');
	await shot(page, 'admin-keys');
	await row.getByRole('button', { name: 'Thu hồi' }).click();
	await expect(row).toContainText('Đã thu hồi');
	expect((await summary()).status()).toBe(401);

	await page.getByRole('link', { name: 'Màn hình trình chiếu' }).click();
	await expect(page).toHaveURL(/\/admin\/displays$/);
	await expect(page.getByRole('heading', { name: 'Tạo liên kết trình chiếu' })).toBeVisible();
	const d = page.locator('form[action="?/create"]');
	await d.getByLabel('Tên').fill('Sảnh tầng 1');
	await d.getByLabel('Đơn vị hiển thị (mã)').fill('38');
	await d.getByRole('button', { name: 'Tạo' }).click();
	const url = await page.getByTestId('display-url').inputValue();
	expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/display\/38\?key=mcl_k/);
	await shot(page, 'admin-displays');
	const wall = await page.context().browser()!.newPage();
	await wall.goto(url);
	await expect(wall.getByText('Trung tâm Phục vụ hành chính công')).toBeVisible();
	await wall.close();
	await page
		.locator('tr', { hasText: 'Sảnh tầng 1' })
		.getByRole('button', { name: 'Thu hồi' })
		.click();
	await expect(page.locator('tr', { hasText: 'Sảnh tầng 1' })).toContainText('Đã thu hồi');
	expect((await request.get(new URL(url).pathname + new URL(url).search)).status()).toBe(401);
});

test('unit registry: a bad file lists its errors and writes nothing; a good one previews, then imports', async ({
	page
}) => {
	const bad = join(E2E_DIR, 'units-bad.csv');
	writeFileSync(
		bad,
		'code,name,type,parent_code\n40001,Xã Một,commune,40\n40002,,commune,40\n40003,Xã Ba,xóm,40\n40004,Xã Bốn,commune,99\n'
	);
	const good = join(E2E_DIR, 'units-good.csv');
	writeFileSync(
		good,
		'code,name,type,parent_code\n40001,Xã Nam Đàn,commune,40\n40002,Phường Vinh Tân,ward,40\n'
	);
	await login(page, '/admin/units');
	await expect(page.getByTestId('unit-tree')).toContainText('Tỉnh Thanh Hóa');

	await page.getByTestId('units-file').setInputFiles(bad);
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	const errors = page.getByTestId('units-errors');
	await expect(errors).toContainText('Dòng 3');
	await expect(errors).toContainText('Dòng 4');
	await expect(page.getByTestId('units-confirm')).toHaveCount(0);
	await shot(page, 'admin-units-errors');

	await page.getByTestId('units-file').setInputFiles(good);
	await expect(page.getByTestId('units-preview')).toHaveCount(0); // a new file hides the old preview
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await expect(page.getByTestId('units-preview')).toContainText('2 đơn vị (2 mới, 0 cập nhật)');
	await expect(page.getByTestId('units-preview')).toContainText('Xã Nam Đàn');
	// Nothing written by the preview.
	await page.goto('/admin/units?parent=40');
	await expect(page.getByTestId('unit-tree')).not.toContainText('Xã Nam Đàn');
	await page.getByTestId('units-file').setInputFiles(good);
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await page.getByTestId('units-confirm').click();
	await expect(page.getByTestId('units-imported')).toContainText('Đã nhập 2 đơn vị');
	await expect(page.getByTestId('unit-tree')).toContainText('Xã Nam Đàn');
	await shot(page, 'admin-units');
});

test('audit log: filtered by action, newest first', async ({ page }) => {
	await login(page, '/admin/audit');
	await expect(page.getByTestId('audit')).toContainText('login');
	await shot(page, 'admin-audit');
	await page.getByLabel('Hành động').selectOption('user.create');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page).toHaveURL(/action=user\.create/);
	const rows = page.getByTestId('audit').locator('tbody tr');
	await expect(rows.first()).toContainText('e2e-new-unit');
	await expect(rows.first()).toContainText('user:e2e-admin');
	// The CLI-created users are there too, with actor `cli`.
	await expect(page.getByTestId('audit')).toContainText('cli');
	for (const action of await rows.locator('td:nth-child(2)').allTextContents())
		expect(action).toBe('user.create');
	await page.goto('/admin/audit?action=units&q=units-good');
	await expect(page.getByTestId('audit').locator('tbody tr').first()).toContainText('units.import');
	await page.goto('/admin/audit?action=key');
	await expect(page.getByTestId('audit')).toContainText('key.revoke');
	await expect(page.getByTestId('audit')).toContainText('key.create');
});
