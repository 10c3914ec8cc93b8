/**
 * The 403 page the route guard answers with (no route code runs for a
 * refused request, so this page is self-contained: inline styles, no script).
 */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function forbiddenPage(message: string): Response {
	const html = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Không có quyền truy cập — Một Cửa Live</title>
<style>
body{margin:0;font-family:'Be Vietnam Pro',system-ui,sans-serif;color:#0b2545;background:#f4f6f9;min-height:100vh;display:grid;place-items:center}
main{background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:2rem 2.5rem;max-width:32rem}
h1{font-size:1.3rem;margin:0 0 .5rem}
.code{color:#b42318;font-weight:700;font-size:.9rem;letter-spacing:.05em}
p{color:#4a5d75;line-height:1.5}
a{color:#0b2545;font-weight:600}
</style>
</head>
<body>
<main>
<div class="code">403</div>
<h1>Không có quyền truy cập</h1>
<p>${escape(message)}</p>
<p><a href="/">Về trang tổng quan</a> · <a href="/account">Tài khoản của tôi</a></p>
</main>
</body>
</html>`;
	return new Response(html, {
		status: 403,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
		}
	});
}
