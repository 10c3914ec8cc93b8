/**
 * The print stylesheet of the report page: A4 landscape, page numbers and a
 * footer line (scope, period, generation time) in the page-margin boxes, which
 * Chromium prints on every page. The footer text is data, so it is written as
 * a CSS string with every character outside a safe set escaped (\HHHHHH), which
 * also keeps `</style>` out of the markup.
 */
export function cssString(text: string): string {
	let out = '"';
	for (const ch of text) {
		const cp = ch.codePointAt(0)!;
		out +=
			/[\p{L}\p{N} .,:;()·–\-/]/u.test(ch) && ch !== '\\'
				? ch
				: `\\${cp.toString(16).padStart(6, '0')}`;
	}
	return `${out}"`;
}

export function printPageCss(footer: string, pageWord: string): string {
	const margin = `font-family: 'Be Vietnam Pro', sans-serif; font-size: 7.5pt; color: #4a5d75;`;
	return [
		'@page {',
		'  size: A4 landscape;',
		'  margin: 12mm 10mm 14mm 10mm;',
		`  @bottom-left { content: ${cssString(footer)}; ${margin} }`,
		`  @bottom-right { content: ${cssString(pageWord)} " " counter(page) " / " counter(pages); ${margin} }`,
		'}',
		'@media print {',
		'  html, body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }',
		'}'
	].join('\n');
}
