/**
 * Choosing the reader for an import file (`cli units import FILE`, docs/api.md#command-line).
 */
import { parseUnitsCsv } from './parse-csv.ts';
import { parseUnitsGeoJson } from './parse-geojson.ts';
import type { UnitsParseResult } from './types.ts';

export type UnitsFileFormat = 'csv' | 'geojson';

/**
 * By extension: `.csv` → CSV, `.geojson` / `.json` → GeoJSON (any case).
 * Otherwise by content: GeoJSON when the first non-space character (after a
 * byte-order mark) is `{`, else CSV.
 */
export function detectUnitsFormat(fileName: string, text: string): UnitsFileFormat {
	const name = fileName.toLowerCase();
	if (name.endsWith('.csv')) return 'csv';
	if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
	return /^\uFEFF?\s*\{/.test(text) ? 'geojson' : 'csv';
}

export function parseUnitsFile(
	fileName: string,
	text: string
): UnitsParseResult & { format: UnitsFileFormat } {
	const format = detectUnitsFormat(fileName, text);
	const result = format === 'csv' ? parseUnitsCsv(text) : parseUnitsGeoJson(text);
	return { ...result, format };
}
