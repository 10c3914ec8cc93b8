/**
 * Administrative units (docs/domain.md#units, docs/api.md#units): the closed set of unit types, the
 * shape of one parsed import row, and the error shape every import check uses.
 */

/** Every unit type the system knows, in rough order from the top level down. */
export const UNIT_TYPES = [
	'province', // tỉnh
	'city', // thành phố trực thuộc trung ương
	'district', // huyện
	'town', // thị xã
	'city_district', // quận
	'provincial_city', // thành phố thuộc tỉnh (or thuộc thành phố TW)
	'commune', // xã
	'ward', // phường
	'township', // thị trấn
	'special_zone', // đặc khu
	'department', // sở / ban / ngành running its own counter
	'other'
] as const;

export type UnitType = (typeof UNIT_TYPES)[number];

/**
 * One valid unit read from an import file.
 *
 * `line` locates the row for error messages: for CSV it is the 1-based physical
 * line where the record starts; for GeoJSON it is the 1-based index of the
 * feature, and `feature` is then set to the same number (so a message can say
 * "feature 3" instead of "line 3").
 */
export type UnitRow = {
	code: string;
	name: string;
	type: UnitType;
	parentCode: string | null;
	lat: number | null;
	lon: number | null;
	geometry: unknown | null;
	/** The national portal's code (docs/dvcqg.md); undefined when the file has no such column or property (kept as it is). */
	dvcqgCode?: string | null;
	line: number;
	feature?: number;
};

/**
 * A problem found in an import file. `message` never repeats the location.
 * When `feature` is set the problem is in that (1-based) GeoJSON feature and
 * `line` equals it; otherwise `line` is the physical line of the file (file-wide
 * problems, such as invalid JSON, use line 1). Use `formatImportError` to print.
 */
export type ImportError = { line: number; message: string; feature?: number };

export type UnitsParseResult = { rows: UnitRow[]; errors: ImportError[] };

/** "line 7: unknown type \"xom\"" or "feature 3: name is required". */
export function formatImportError(error: ImportError): string {
	return error.feature !== undefined
		? `feature ${error.feature}: ${error.message}`
		: `line ${error.line}: ${error.message}`;
}

/** An error located at a row, keeping the row's feature number if it has one. */
export function errorAt(row: { line: number; feature?: number }, message: string): ImportError {
	return row.feature !== undefined
		? { line: row.line, message, feature: row.feature }
		: { line: row.line, message };
}

/** Errors in file order (stable for errors on the same line). */
export function sortErrors(errors: readonly ImportError[]): ImportError[] {
	return [...errors].sort((a, b) => a.line - b.line);
}

/**
 * Lower-case, strip Vietnamese diacritics (đ → d) and turn every run of
 * punctuation or spaces into one space: "Thị  trấn" → "thi tran",
 * "city_district" → "city district", "Sở/Ban/Ngành" → "so ban nganh".
 */
export function foldText(raw: string): string {
	return raw
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** Folded spelling → type. Bare "thành phố" / "tp" is resolved by context. */
const ALIASES: Record<string, UnitType> = {};
function alias(type: UnitType, ...spellings: string[]): void {
	for (const s of spellings) ALIASES[foldText(s)] = type;
}
alias('province', 'tỉnh', 'province');
alias(
	'city',
	'city',
	'thành phố trực thuộc trung ương',
	'thành phố trung ương',
	'thành phố TW',
	'TP TW',
	'TPTW',
	'TP trực thuộc trung ương',
	'municipality',
	'centrally run city',
	'centrally governed city',
	'centrally controlled city'
);
alias('district', 'huyện', 'huyện đảo', 'district', 'rural district');
alias('town', 'thị xã', 'TX', 'town', 'district-level town');
alias('city_district', 'quận', 'city_district', 'urban district');
alias(
	'provincial_city',
	'provincial_city',
	'thành phố thuộc tỉnh',
	'TP thuộc tỉnh',
	'thành phố thuộc thành phố',
	'thành phố thuộc thành phố trực thuộc trung ương',
	'provincial city'
);
alias('commune', 'xã', 'commune');
alias('ward', 'phường', 'ward');
alias('township', 'thị trấn', 'TT', 'township', 'commune-level town');
alias(
	'special_zone',
	'đặc khu',
	'special_zone',
	'special administrative zone',
	'special administrative unit'
);
alias(
	'department',
	'sở',
	'ban',
	'ngành',
	'sở/ban/ngành',
	'sở, ngành',
	'cơ quan',
	'department',
	'dept',
	'agency'
);
alias('other', 'other', 'khác');

const AMBIGUOUS_CITY = new Set(['thanh pho', 'tp']);

/**
 * Normalise a unit type as people write it (Vietnamese with or without
 * diacritics, English, the canonical identifiers; any case) to a `UnitType`,
 * or `null` when it is not recognised.
 *
 * A bare "thành phố" / "TP" is ambiguous: it means a centrally-run city
 * (`city`) for a top unit and a provincial city (`provincial_city`) for a unit
 * with a parent. Pass `{ hasParent }` to decide; without it, `city` is chosen.
 * The canonical identifiers (`city`, `provincial_city`, …) are never reinterpreted.
 */
export function normaliseUnitType(raw: string, context?: { hasParent?: boolean }): UnitType | null {
	const key = foldText(raw);
	if (AMBIGUOUS_CITY.has(key)) return context?.hasParent ? 'provincial_city' : 'city';
	return ALIASES[key] ?? null;
}
