/**
 * Checks that the units of an import file, together with the units already
 * stored, still form a tree (docs/domain.md#units): every parent exists, and no unit
 * becomes its own ancestor — neither within the file nor through stored units
 * the file re-parents (e.g. a province moved under one of its own districts).
 */
import { show } from './fields.ts';
import { errorAt, sortErrors, type ImportError, type UnitRow } from './types.ts';

/** Units already stored, by code. */
export type ExistingUnits = ReadonlyMap<string, { parentCode: string | null }>;

type State = 'ok' | 'cycle' | 'broken';

/**
 * Every tree problem of `rows`, each at the line of the row that causes it,
 * sorted by line. A row's parent may be in the file or in `existing`; a row
 * whose code is already stored replaces that unit's parent.
 *
 * - `unknown parent_code "X"` — X is neither in the file nor stored.
 * - `unit is its own parent`.
 * - `parent chain loops: A → B → A` — reported on every row of the file that
 *   is part of the loop (stored units in it are named as such). Units below a
 *   loop are not reported again.
 * - `parent chain reaches a loop among existing units …` — only if the stored
 *   tree is already broken.
 */
export function validateUnitTree(rows: readonly UnitRow[], existing: ExistingUnits): ImportError[] {
	const errors: ImportError[] = [];
	const inFile = new Map<string, UnitRow>();
	for (const row of rows) if (!inFile.has(row.code)) inFile.set(row.code, row);

	/** The parent of a unit: a code, null for a top unit, undefined for an unknown unit. */
	const parentOf = (code: string): string | null | undefined => {
		const row = inFile.get(code);
		if (row !== undefined) return row.parentCode;
		const unit = existing.get(code);
		return unit === undefined ? undefined : unit.parentCode;
	};

	for (const row of rows) {
		if (row.parentCode === null) continue;
		if (row.parentCode === row.code) errors.push(errorAt(row, 'unit is its own parent'));
		else if (parentOf(row.parentCode) === undefined) {
			errors.push(errorAt(row, `unknown parent_code ${show(row.parentCode)}`));
		}
	}

	const state = new Map<string, State>();
	for (const start of inFile.keys()) {
		const path: string[] = [];
		const onPath = new Map<string, number>();
		let current: string | null | undefined = start;
		let outcome: State = 'ok';
		let brokenBy = '';
		while (current !== null && current !== undefined) {
			const known = state.get(current);
			if (known !== undefined) {
				if (known === 'broken') outcome = 'broken';
				break;
			}
			const at = onPath.get(current);
			if (at !== undefined) {
				const loop = path.slice(at);
				for (const code of loop) state.set(code, 'cycle');
				const members = loop.filter((code) => inFile.has(code));
				if (members.length === 0) {
					outcome = 'broken';
					brokenBy = describeLoop(loop, 0, inFile);
				} else if (loop.length > 1) {
					loop.forEach((code, index) => {
						const row = inFile.get(code);
						if (row !== undefined)
							errors.push(errorAt(row, `parent chain loops: ${describeLoop(loop, index, inFile)}`));
					});
				}
				break;
			}
			onPath.set(current, path.length);
			path.push(current);
			current = parentOf(current);
		}
		for (const code of path) {
			if (state.has(code)) continue;
			state.set(code, outcome);
			const row = inFile.get(code);
			if (outcome === 'broken' && row !== undefined) {
				errors.push(
					errorAt(
						row,
						`parent chain reaches a loop among existing units${brokenBy ? `: ${brokenBy}` : ''}`
					)
				);
			}
		}
	}
	return sortErrors(errors);
}

const SHOWN = 8;

/**
 * "01 → 001 → 01 (001 is an existing unit)", starting the loop at index
 * `from`. Long loops are cut short: "A → B → … (1000 units in the loop)".
 */
function describeLoop(
	loop: readonly string[],
	from: number,
	inFile: ReadonlyMap<string, UnitRow>
): string {
	const at = (i: number) => loop[(from + i) % loop.length];
	if (loop.length > SHOWN) {
		const head = Array.from({ length: SHOWN }, (_, i) => at(i));
		return `${head.join(' → ')} → … (${loop.length} units in the loop)`;
	}
	const ordered = loop.map((_, i) => at(i));
	const chain = [...ordered, ordered[0]].join(' → ');
	const stored = ordered.filter((code) => !inFile.has(code));
	if (stored.length === 0 || stored.length === ordered.length) return chain;
	return `${chain} (${stored.join(', ')} ${stored.length === 1 ? 'is an existing unit' : 'are existing units'})`;
}
