/**
 * One CSV cell for our exports (UTF-8, comma-separated, opened in Excel).
 * Text that a spreadsheet would run as a formula — a cell beginning with
 * `=`, `+`, `-`, `@`, a tab or a carriage return — is prefixed with a single
 * quote, as the OWASP CSV-injection rule says, so a unit named "=HYPERLINK(…)"
 * stays text. Numbers are written as they are (a negative number is no formula).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\n\r\t]/;

export function csvCell(v: string | number): string {
	if (typeof v === 'number') return String(v);
	const text = FORMULA_START.test(v) ? `'${v}` : v;
	return NEEDS_QUOTES.test(text) || text !== v ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number)[]): string {
	return cells.map(csvCell).join(',');
}
