/**
 * The canonical text of a snapshot's content (docs/domain.md#snapshots), whose SHA-256 a
 * notice can cite: JSON with object keys sorted at every level, no spaces,
 * numbers and strings as JSON.stringify writes them. Two equal contents give
 * the same text whatever order their keys were built in.
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value))
		return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
