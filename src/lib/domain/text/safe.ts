/**
 * The one safe-string rule for everything a client sends (event fields, query
 * parameters, form fields): valid Unicode and no NUL. PostgreSQL's `text` and
 * `jsonb` cannot hold U+0000, and a lone surrogate has no UTF-8 encoding —
 * both used to reach the database and come back as 500s.
 */

/** Why a string is refused, or null when it is safe. */
export function unsafeTextReason(s: string): string | null {
	if (s.includes('\u0000')) return 'must not contain NUL characters (U+0000)';
	if (!s.isWellFormed()) return 'must be valid Unicode (it holds a lone surrogate)';
	return null;
}

export function isSafeText(s: string): boolean {
	return unsafeTextReason(s) === null;
}

/**
 * Why a request URL is refused before any route sees it (400), or null: a
 * path or query parameter that is not safe text once decoded (`?unit=%00`,
 * `/dossiers/V-1%00`), or a path with broken percent-encoding.
 */
export function unsafeUrlReason(url: URL): string | null {
	let path: string;
	try {
		path = decodeURIComponent(url.pathname);
	} catch {
		return 'the path has malformed percent-encoding';
	}
	const inPath = unsafeTextReason(path);
	if (inPath) return `the path ${inPath}`;
	for (const [name, value] of url.searchParams) {
		const reason = unsafeTextReason(name) ?? unsafeTextReason(value);
		// eslint-disable-next-line no-control-regex -- NUL is exactly what is shown escaped
		if (reason) return `query parameter \`${name.replace(/\u0000/g, '\\0')}\` ${reason}`;
	}
	return null;
}
