/** Login → dashboard → logout in a browser, the throttle message, and the security headers. */
import { expect, test } from '@playwright/test';
import { login } from './helpers.ts';
import { E2E_ADMIN } from './paths.ts';

test('login → dashboard → logout; afterwards the pages need a login again', async ({ page }) => {
	await page.goto('/reports');
	await expect(page).toHaveURL(/\/login\?next=%2Freports$/);
	await page.getByLabel('Tên đăng nhập').fill(E2E_ADMIN.username);
	await page.getByLabel('Mật khẩu').fill('không-phải-mật-khẩu');
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page.getByTestId('login-error')).toHaveText(
		'Tên đăng nhập hoặc mật khẩu không đúng.'
	);

	await login(page, '/');
	await expect(page).toHaveURL(/\/units\/38$/);
	await expect(page.getByTestId('kpi-received')).toBeVisible();
	const cookie = (await page.context().cookies()).find((c) => c.name === 'mcl_session')!;
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	await expect(page).toHaveURL(/\/login$/);
	expect((await page.context().cookies()).find((c) => c.name === 'mcl_session')).toBeUndefined();
	// The old token is dead on the server too, not just forgotten by the browser.
	await page.context().addCookies([{ ...cookie }]);
	await page.goto('/units/38');
	await expect(page).toHaveURL(/\/login\?next=%2Funits%2F38$/);
});

test('the language asked for: <html lang> from the server, the sign-in page and its refusal in English', async ({
	page,
	request
}) => {
	expect(await (await request.get('/login')).text()).toContain('<html lang="vi">');
	expect(await (await request.get('/login?lang=en')).text()).toContain('<html lang="en">');
	await page.goto('/login?lang=en');
	// A username of its own (the per-IP budget of failures is shared by the whole run: this spends 1).
	await page.getByLabel('Username').fill('e2e-lang-probe');
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the `next` of a login stays on this site', async ({ page }) => {
	await page.goto('/login?next=//evil.example/x');
	await page.getByLabel('Tên đăng nhập').fill(E2E_ADMIN.username);
	await page.getByLabel('Mật khẩu').fill(E2E_ADMIN.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/units\/38$/);
});

test('after 5 wrong passwords the login form says to wait (429, Retry-After)', async ({ page }) => {
	// A username of its own: the per-IP budget (20) is shared by the whole run, this spends 5.
	const username = 'e2e-throttle-probe';
	await page.goto('/login');
	for (let i = 0; i < 5; i++) {
		await page.getByLabel('Tên đăng nhập').fill(username);
		await page.getByLabel('Mật khẩu').fill(`sai-${i}`);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByTestId('login-error')).toHaveText(
			'Tên đăng nhập hoặc mật khẩu không đúng.'
		);
	}
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill('sai-5');
	const answer = page.waitForResponse(
		(r) => r.url().includes('/login') && r.request().method() === 'POST'
	);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	const res = await answer;
	expect(res.status()).toBe(429);
	expect(Number(res.headers()['retry-after'])).toBeGreaterThan(800);
	await expect(page.getByTestId('login-error')).toContainText('Đăng nhập sai quá nhiều lần');
	await expect(page.getByTestId('login-error')).toContainText(/thử lại sau 1[45] phút/);
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.screenshot({ path: '/tmp/shots/access-helper/login-throttled.png' });
});

test('pages carry the CSP and the security headers', async ({ page, request }) => {
	for (const res of [
		await request.get('/login'),
		await request.get('/units/38', { maxRedirects: 0 })
	]) {
		const h = res.headers();
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
		expect(h['x-frame-options']).toBe('DENY');
	}
	const csp = (await request.get('/login')).headers()['content-security-policy'];
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
	expect(csp).toContain("object-src 'none'");
	expect(csp).not.toContain('unsafe-eval');
	// A signed-in page has its own nonce, and the page runs under it (no CSP violation breaks hydration).
	const violations: string[] = [];
	page.on(
		'console',
		(m) =>
			m.type() === 'error' && /Content Security Policy/.test(m.text()) && violations.push(m.text())
	);
	await login(page, '/account');
	await expect(page.getByTestId('account-username')).toHaveText(E2E_ADMIN.username);
	const res = await page.request.get('/account');
	expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(violations).toEqual([]);
});
