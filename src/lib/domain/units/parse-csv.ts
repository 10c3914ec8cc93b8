/**
 * Units from CSV (docs/domain.md#units): `code,name,type,parent_code[,lat,lon]`.
 *
 * - An optional header row, recognised by its first cell being `code` (any
 *   case). With a header the columns are taken by name, so they may come in any
 *   order (`parent_code` may also be spelt `parentCode`/`parent`, `lat`
 *   `latitude`, `lon` `lng`/`longitude`, and an optional `dvcqg_code`, the
 *   unit's code on the national portal); every row must then have as many
 *   cells as the header. Without one, a row has 4 or 6 cells in the order above.
 * - RFC 4180 quoting, CRLF or LF, a UTF-8 BOM is ignored. A file whose first
 *   line has semicolons or tabs and no comma is read with that delimiter.
 * - Blank lines (and lines of nothing but delimiters and spaces) are skipped.
 * - Errors carry the 1-based physical line where the record starts. Only rows
 *   without any error are returned in `rows`.
 */
import { detectDelimiter, readCsvRecords, stripBom, type CsvRecord } from './csv.ts';
import {
	checkCode,
	checkDvcqgCode,
	checkLatLon,
	checkName,
	checkParentCode,
	checkType,
	show
} from './fields.ts';
import type { ImportError, UnitRow, UnitsParseResult } from './types.ts';

type Column = 'code' | 'name' | 'type' | 'parent' | 'lat' | 'lon' | 'dvcqg';
type Layout = { width: number[]; index: Partial<Record<Column, number>> };

const HEADER_NAMES: Record<string, Column> = {
	code: 'code',
	name: 'name',
	type: 'type',
	parentcode: 'parent',
	parent: 'parent',
	lat: 'lat',
	latitude: 'lat',
	lon: 'lon',
	lng: 'lon',
	long: 'lon',
	longitude: 'lon',
	dvcqgcode: 'dvcqg',
	madonvi: 'dvcqg'
};
const EXPECTED = 'code, name, type, parent_code, lat, lon, dvcqg_code';

const POSITIONAL: Layout = {
	width: [4, 6],
	index: { code: 0, name: 1, type: 2, parent: 3, lat: 4, lon: 5 }
};

function isHeader(record: CsvRecord): boolean {
	return record.fields[0]?.trim().toLowerCase() === 'code';
}

function readHeader(record: CsvRecord): { layout: Layout | null; errors: ImportError[] } {
	const errors: ImportError[] = [];
	const index: Partial<Record<Column, number>> = {};
	record.fields.forEach((cell, i) => {
		const column =
			HEADER_NAMES[
				cell
					.trim()
					.toLowerCase()
					.replace(/[\s_-]/g, '')
			];
		if (cell.trim() === '') {
			errors.push({ line: record.line, message: `column ${i + 1} of the header has no name` });
		} else if (column === undefined) {
			errors.push({
				line: record.line,
				message: `unknown column ${show(cell.trim())} (expected ${EXPECTED})`
			});
		} else if (index[column] !== undefined) {
			errors.push({ line: record.line, message: `column ${show(cell.trim())} appears twice` });
		} else {
			index[column] = i;
		}
	});
	for (const [column, label] of [
		['name', 'name'],
		['type', 'type'],
		['parent', 'parent_code']
	] as const) {
		if (index[column] === undefined)
			errors.push({ line: record.line, message: `missing column "${label}"` });
	}
	if ((index.lat === undefined) !== (index.lon === undefined)) {
		errors.push({ line: record.line, message: 'columns lat and lon must come together' });
	}
	return errors.length > 0
		? { layout: null, errors }
		: { layout: { width: [record.fields.length], index }, errors };
}

function cell(record: CsvRecord, layout: Layout, column: Column): string | null {
	const i = layout.index[column];
	return i === undefined ? null : (record.fields[i] ?? null);
}

/** Every problem of one record, and the row when there is none. */
function readRow(
	record: CsvRecord,
	layout: Layout,
	hasHeader: boolean
): { row: UnitRow | null; problems: string[]; code: string | null } {
	const count = record.fields.length;
	if (!layout.width.includes(count)) {
		const expected = hasHeader ? `${layout.width[0]} columns as in the header` : '4 or 6 columns';
		return { row: null, problems: [`expected ${expected}, found ${count}`], code: null };
	}
	const problems: string[] = [];
	const code = checkCode(cell(record, layout, 'code') ?? '');
	const name = checkName(cell(record, layout, 'name') ?? '');
	const parent = checkParentCode(cell(record, layout, 'parent') ?? '');
	const type = checkType(
		cell(record, layout, 'type') ?? '',
		parent.ok ? parent.value !== null : true
	);
	const emptyToNull = (v: string | null) => (v === null || v.trim() === '' ? null : v);
	const pos = checkLatLon(
		emptyToNull(cell(record, layout, 'lat')),
		emptyToNull(cell(record, layout, 'lon'))
	);
	const dvcqgCell = cell(record, layout, 'dvcqg');
	const dvcqg = dvcqgCell === null ? null : checkDvcqgCode(dvcqgCell);
	for (const c of [code, name, type, parent]) if (!c.ok) problems.push(c.error);
	if (dvcqg && !dvcqg.ok) problems.push(dvcqg.error);
	problems.push(...pos.errors);
	if (!code.ok || !name.ok || !type.ok || !parent.ok || problems.length > 0) {
		return { row: null, problems, code: code.ok ? code.value : null };
	}
	return {
		row: {
			code: code.value,
			name: name.value,
			type: type.value,
			parentCode: parent.value,
			lat: pos.lat,
			lon: pos.lon,
			geometry: null,
			...(dvcqg?.ok ? { dvcqgCode: dvcqg.value } : {}),
			line: record.line
		},
		problems,
		code: code.value
	};
}

const isBlank = (record: CsvRecord) => record.fields.every((f) => f.trim() === '');

export function parseUnitsCsv(text: string): UnitsParseResult {
	const body = stripBom(text);
	const read = readCsvRecords(body, detectDelimiter(body));
	const records = read.records.filter((r) => !isBlank(r));
	const rows: UnitRow[] = [];
	const errors: ImportError[] = [];

	let layout = POSITIONAL;
	let hasHeader = false;
	if (records.length > 0 && isHeader(records[0])) {
		const header = readHeader(records.shift() as CsvRecord);
		if (header.layout === null) return { rows, errors: header.errors };
		layout = header.layout;
		hasHeader = true;
	}

	const firstLine = new Map<string, number>();
	for (const record of records) {
		const { row, problems, code } = readRow(record, layout, hasHeader);
		for (const message of problems) errors.push({ line: record.line, message });
		if (code === null) continue;
		const seen = firstLine.get(code);
		if (seen !== undefined) {
			errors.push({
				line: record.line,
				message: `duplicate code ${show(code)} (first on line ${seen})`
			});
			continue;
		}
		firstLine.set(code, record.line);
		if (row !== null) rows.push(row);
	}
	if (read.error !== null) errors.push(read.error);
	return { rows, errors };
}
