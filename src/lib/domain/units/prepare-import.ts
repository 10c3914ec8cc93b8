/**
 * Everything `cli units import FILE` needs before writing: parse, check the
 * tree against the stored units, and order the rows parents first. The caller
 * writes `rows` only when `errors` is empty (nothing from a bad file is written).
 */
import { parseUnitsFile, type UnitsFileFormat } from './parse-file.ts';
import { sortImportOrder } from './tree.ts';
import { sortErrors, type ImportError, type UnitRow } from './types.ts';
import { validateUnitTree, type ExistingUnits } from './validate-tree.ts';

export type PreparedUnitsImport = {
	format: UnitsFileFormat;
	rows: UnitRow[];
	errors: ImportError[];
};

/**
 * The tree is checked only when every row parsed: a row rejected for, say, a
 * bad type would otherwise make each of its children an "unknown parent".
 */
export function prepareUnitsImport(
	fileName: string,
	text: string,
	existing: ExistingUnits
): PreparedUnitsImport {
	const parsed = parseUnitsFile(fileName, text);
	const errors = parsed.errors.length > 0 ? parsed.errors : validateUnitTree(parsed.rows, existing);
	return { format: parsed.format, rows: sortImportOrder(parsed.rows), errors: sortErrors(errors) };
}
