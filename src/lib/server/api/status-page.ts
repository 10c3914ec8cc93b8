/**
 * Pages the request hook answers with before any route code runs (a refused
 * guard, a URL that is not safe text, the database away while checking the
 * session): self-contained — inline styles, no script — in the request's
 * language (strings/errors.ts). JSON clients get `{error}` instead.
 */
import { fill, type Lang } from '../../client/i18n.ts';
import { ERROR_STRINGS } from '../../client/strings/errors.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type StatusPage = {
	lang: Lang;
	status: number;
	title: string;
	message: string;
	/** Machine-readable reason for JSON clients. */
	error: string;
	headers?: Record<string, string>;
	/** Reload the page by itself after this many seconds (the database is away: a wall heals by itself). */
	refreshSeconds?: number;
};

function html(p: StatusPage): string {
	const e = ERROR_STRINGS[p.lang];
	const q = p.lang === 'en' ? '?lang=en' : '';
	const [home, account] = [`/${q}`, `/account${q}`];
	const refresh = p.refreshSeconds
		? `\n<meta http-equiv="refresh" content="${p.refreshSeconds}">`
		: '';
	return `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${escape(p.title)} — Một Cửa Live</title>
<style>
body{margin:0;font-family:'Be Vietnam Pro',system-ui,sans-serif;color:#0b2545;background:#f4f6f9;min-height:100vh;display:grid;place-items:center}
main{background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:2rem 2.5rem;max-width:32rem;margin:1rem}
h1{font-size:1.3rem;margin:0 0 .5rem}
.code{color:#b42318;font-weight:700;font-size:.9rem;letter-spacing:.05em}
p{color:#4a5d75;line-height:1.5}
a{color:#0b2545;font-weight:600}
</style>
</head>
<body>
<main>
<div class="code">${p.status}</div>
<h1>${escape(p.title)}</h1>
<p>${escape(p.message)}</p>
<p><a href="${home}">${escape(e.home)}</a> · <a href="${account}">${escape(e.myAccount)}</a></p>
</main>
</body>
</html>`;
}

/** The page as HTML for a browser's page request, else as JSON. */
export function statusResponse(p: StatusPage, wantsHtml: boolean): Response {
	const headers: Record<string, string> = { 'cache-control': 'no-store', ...p.headers };
	if (!wantsHtml) {
		return new Response(JSON.stringify({ error: p.error, message: p.message }), {
			status: p.status,
			headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }
		});
	}
	return new Response(html(p), {
		status: p.status,
		headers: {
			...headers,
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
		}
	});
}

/** An admin page asked for by someone who is not an admin. */
export function forbiddenPage(lang: Lang): StatusPage {
	const e = ERROR_STRINGS[lang];
	return { lang, status: 403, title: e.noAccess, message: e.adminOnly, error: 'forbidden' };
}

export function badUrlPage(reason: string, lang: Lang): StatusPage {
	const e = ERROR_STRINGS[lang];
	return {
		lang,
		status: 400,
		title: e.badUrl,
		message: fill(e.badUrlText, { reason }),
		error: reason
	};
}

export function databaseDownPage(retryAfterSeconds: number, lang: Lang): StatusPage {
	const e = ERROR_STRINGS[lang];
	return {
		lang,
		status: 503,
		title: e.databaseDown,
		message: e.databaseDownText,
		error: 'the database cannot be reached right now; retry later',
		headers: { 'retry-after': String(retryAfterSeconds) },
		refreshSeconds: 10
	};
}
