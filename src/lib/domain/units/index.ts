/** Administrative units: import parsing and validation, and tree helpers. */
export {
	UNIT_TYPES,
	errorAt,
	foldText,
	formatImportError,
	normaliseUnitType,
	sortErrors,
	type ImportError,
	type UnitRow,
	type UnitType,
	type UnitsParseResult
} from './types.ts';
export { CODE_PATTERN, NAME_MAX } from './fields.ts';
export { parseUnitsCsv } from './parse-csv.ts';
export { parseUnitsGeoJson } from './parse-geojson.ts';
export { detectUnitsFormat, parseUnitsFile, type UnitsFileFormat } from './parse-file.ts';
export { validateUnitTree, type ExistingUnits } from './validate-tree.ts';
export {
	buildAncestors,
	buildChildren,
	compareCodes,
	depthOf,
	descendantsAtLevel,
	isInScope,
	sortImportOrder,
	topUnits,
	type AncestorsMap,
	type ChildrenMap,
	type UnitLink
} from './tree.ts';
export { prepareUnitsImport, type PreparedUnitsImport } from './prepare-import.ts';
export {
	parseMergersCsv,
	parentsAfter,
	type MergerRow,
	type MergerParseResult,
	type UnitParents
} from './mergers.ts';
