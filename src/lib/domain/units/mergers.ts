/**
 * Unit mergers (since July 2025 many communes were merged and districts
 * abolished): a mapping file `old_code,new_code,effective_date`, one row per
 * predecessor. Pure parsing and validation; the server applies a valid mapping
 * by moving each predecessor under its successor in the tree, so the
 * successor's figures (kept per ancestor) include the predecessors' whole
 * history and a period spanning the merger is continuous.
 *
 * Rules (each broken rule is an error with the file's line number, and nothing
 * of the file is applied):
 * - an optional header row whose first cell is `old_code`;
 * - both codes are known units, and differ; `effective_date` is YYYY-MM-DD;
 * - an old code appears at most once in the file;
 * - the successor is not the predecessor itself nor inside its subtree, and the
 *   mapping (together with earlier ones) has no cycle.
 */
import { isValidDay } from '../figures/period.ts';
import { detectDelimiter, readCsvRecords, stripBom } from './csv.ts';
import type { ImportError } from './types.ts';

export type MergerRow = { oldCode: string; newCode: string; effectiveDate: string; line: number };
export type MergerParseResult = { rows: MergerRow[]; errors: ImportError[] };

/** What the validator needs of the current tree: each unit's parent. */
export type UnitParents = ReadonlyMap<string, string | null>;

const HEADER = ['old_code', 'new_code', 'effective_date'];

export function parseMergersCsv(
	text: string,
	parents: UnitParents,
	existing: readonly MergerRow[] = []
): MergerParseResult {
	const body = stripBom(text);
	const { records, error } = readCsvRecords(body, detectDelimiter(body));
	const errors: ImportError[] = [];
	if (error) errors.push({ line: error.line, message: error.message });
	const rows: MergerRow[] = [];
	const seen = new Map<string, number>();
	records.forEach((rec, i) => {
		const cells = rec.fields.map((f) => f.trim());
		if (cells.every((c) => c === '')) return;
		if (i === 0 && cells[0]?.toLowerCase().replace(/\s+/g, '_') === 'old_code') {
			const names = cells.map((c) => c.toLowerCase());
			if (names.join(',') !== HEADER.join(','))
				errors.push({ line: rec.line, message: `header must be ${HEADER.join(',')}` });
			return;
		}
		if (cells.length !== 3) {
			errors.push({
				line: rec.line,
				message: `expected 3 cells (old_code,new_code,effective_date), got ${cells.length}`
			});
			return;
		}
		const [oldCode, newCode, effectiveDate] = cells;
		const problems: string[] = [];
		if (!parents.has(oldCode)) problems.push(`unknown old_code "${oldCode}" (import units first)`);
		if (!parents.has(newCode)) problems.push(`unknown new_code "${newCode}" (import units first)`);
		if (oldCode === newCode) problems.push('old_code and new_code are the same unit');
		if (!isValidDay(effectiveDate))
			problems.push(`effective_date must be YYYY-MM-DD, got "${effectiveDate}"`);
		const first = seen.get(oldCode);
		if (first !== undefined) problems.push(`old_code "${oldCode}" already mapped on line ${first}`);
		if (problems.length > 0) {
			errors.push({ line: rec.line, message: problems.join('; ') });
			return;
		}
		seen.set(oldCode, rec.line);
		rows.push({ oldCode, newCode, effectiveDate, line: rec.line });
	});
	if (errors.length === 0 && rows.length === 0)
		errors.push({ line: 1, message: 'the file holds no mapping row' });
	if (errors.length === 0) errors.push(...checkCycles(rows, parents, existing));
	return errors.length > 0
		? { rows: [], errors: errors.sort((a, b) => a.line - b.line) }
		: { rows, errors };
}

/** The parent of every unit once the mapping is applied: a predecessor hangs under its successor. */
export function parentsAfter(
	parents: UnitParents,
	rows: readonly Pick<MergerRow, 'oldCode' | 'newCode'>[]
): Map<string, string | null> {
	const next = new Map(parents);
	for (const r of rows) next.set(r.oldCode, r.newCode);
	return next;
}

function checkCycles(
	rows: readonly MergerRow[],
	parents: UnitParents,
	existing: readonly MergerRow[]
): ImportError[] {
	const merged = new Map(existing.map((r) => [r.oldCode, r]));
	for (const r of rows) merged.set(r.oldCode, r);
	const after = parentsAfter(parents, [...merged.values()]);
	const errors: ImportError[] = [];
	for (const r of rows) {
		const path = new Set<string>([r.oldCode]);
		for (let code = after.get(r.oldCode) ?? null; code !== null; code = after.get(code) ?? null) {
			if (path.has(code)) {
				errors.push({
					line: r.line,
					message: `mapping "${r.oldCode}" → "${r.newCode}" makes a cycle (${[...path, code].join(' → ')})`
				});
				break;
			}
			path.add(code);
		}
	}
	return errors;
}
