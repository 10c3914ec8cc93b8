import { describe, expect, it } from 'vitest';
import {
	formatImportError,
	normaliseUnitType,
	parseUnitsCsv,
	parseUnitsGeoJson,
	parseUnitsFile,
	prepareUnitsImport,
	UNIT_TYPES
} from '../../src/lib/domain/units/index.ts';

const HEADER = 'code,name,type,parent_code,lat,lon';
const csv = (...lines: string[]) => lines.join('\n') + '\n';
const messages = (text: string) => parseUnitsCsv(text).errors.map((e) => `${e.line}: ${e.message}`);

describe('normaliseUnitType', () => {
	it.each([
		['xa', 'commune'],
		['xã', 'commune'],
		['Xã', 'commune'],
		['XÃ', 'commune'],
		['commune', 'commune'],
		['phuong', 'ward'],
		['phường', 'ward'],
		['Ward', 'ward'],
		['Thị trấn', 'township'],
		['thi tran', 'township'],
		['township', 'township'],
		['tinh', 'province'],
		['Tỉnh', 'province'],
		['province', 'province'],
		['Huyện', 'district'],
		['huyen', 'district'],
		['district', 'district'],
		['Quận', 'city_district'],
		['quan', 'city_district'],
		['city_district', 'city_district'],
		['Thị xã', 'town'],
		['thi xa', 'town'],
		['town', 'town'],
		['Thành phố trực thuộc trung ương', 'city'],
		['city', 'city'],
		['Thành phố thuộc tỉnh', 'provincial_city'],
		['provincial_city', 'provincial_city'],
		['Đặc khu', 'special_zone'],
		['dac khu', 'special_zone'],
		['special_zone', 'special_zone'],
		['sở', 'department'],
		['Sở', 'department'],
		['so', 'department'],
		['Sở/Ban/Ngành', 'department'],
		['department', 'department'],
		['other', 'other'],
		['  Xã  ', 'commune']
	] as const)('%s → %s', (raw, type) => {
		expect(normaliseUnitType(raw)).toBe(type);
	});

	it('accepts decomposed (NFD) Vietnamese', () => {
		expect(normaliseUnitType('Phường'.normalize('NFD'))).toBe('ward');
	});

	it('resolves a bare "Thành phố" by whether the unit has a parent', () => {
		expect(normaliseUnitType('Thành phố')).toBe('city');
		expect(normaliseUnitType('Thành phố', { hasParent: false })).toBe('city');
		expect(normaliseUnitType('Thành phố', { hasParent: true })).toBe('provincial_city');
		expect(normaliseUnitType('TP', { hasParent: true })).toBe('provincial_city');
		expect(normaliseUnitType('city', { hasParent: true })).toBe('city');
	});

	it('returns null for unknown spellings', () => {
		for (const raw of ['xom', 'thôn', '', 'xa xa', 'provinces'])
			expect(normaliseUnitType(raw)).toBeNull();
	});

	it('maps every canonical identifier to itself', () => {
		for (const t of UNIT_TYPES) expect(normaliseUnitType(t)).toBe(t);
	});
});

describe('parseUnitsCsv: reading', () => {
	it('reads a file with a header, keeping codes as strings with their leading zeros', () => {
		const { rows, errors } = parseUnitsCsv(
			csv(HEADER, '01,Hà Nội,Thành phố,,21.03,105.85', '001,Ba Đình,Quận,01,,', '1,Một,Tỉnh,,,')
		);
		expect(errors).toEqual([]);
		expect(rows).toEqual([
			{
				code: '01',
				name: 'Hà Nội',
				type: 'city',
				parentCode: null,
				lat: 21.03,
				lon: 105.85,
				geometry: null,
				line: 2
			},
			{
				code: '001',
				name: 'Ba Đình',
				type: 'city_district',
				parentCode: '01',
				lat: null,
				lon: null,
				geometry: null,
				line: 3
			},
			{
				code: '1',
				name: 'Một',
				type: 'province',
				parentCode: null,
				lat: null,
				lon: null,
				geometry: null,
				line: 4
			}
		]);
	});

	it('reads a file without a header, with 4 or 6 columns', () => {
		const { rows, errors } = parseUnitsCsv(
			csv('46,Huế,tp,,16.46,107.59', '00004,Phú Xuân,phuong,46')
		);
		expect(errors).toEqual([]);
		expect(rows.map((r) => [r.code, r.type, r.parentCode, r.lat, r.line])).toEqual([
			['46', 'city', null, 16.46, 1],
			['00004', 'ward', '46', null, 2]
		]);
	});

	it('detects the header case-insensitively and maps columns by name', () => {
		const { rows, errors } = parseUnitsCsv(
			csv('CODE,Parent_Code,Name,Type', '001,01,Ba Đình,quan')
		);
		expect(errors).toEqual([]);
		expect(rows[0]).toMatchObject({
			code: '001',
			parentCode: '01',
			name: 'Ba Đình',
			type: 'city_district'
		});
	});

	it('strips a UTF-8 BOM and handles CRLF line ends', () => {
		const { rows, errors } = parseUnitsCsv(
			'\uFEFF' + HEADER + '\r\n01,Hà Nội,tinh,,,\r\n02,Hà Giang,tinh,,,\r\n'
		);
		expect(errors).toEqual([]);
		expect(rows.map((r) => [r.code, r.line])).toEqual([
			['01', 2],
			['02', 3]
		]);
	});

	it('handles quoted fields with commas, doubled quotes and line breaks, and counts physical lines', () => {
		const text = csv(
			HEADER,
			'01,"Hà Nội, Việt Nam",tinh,,,',
			'02,"Xã ""Hồng""",xa,01,,',
			'03,"two',
			'lines",xa,01,,',
			'04,,xa,01,,'
		);
		const { rows, errors } = parseUnitsCsv(text);
		expect(rows.map((r) => [r.code, r.name, r.line])).toEqual([
			['01', 'Hà Nội, Việt Nam', 2],
			['02', 'Xã "Hồng"', 3],
			['03', 'two lines', 4]
		]);
		expect(errors).toEqual([{ line: 6, message: 'name is required' }]);
	});

	it('accepts a quoted empty field and a quoted code', () => {
		const { rows, errors } = parseUnitsCsv(
			csv('"001","Ba Đình","quan","01"', '"01","Hà Nội","tinh",""')
		);
		expect(errors).toEqual([]);
		expect(rows.map((r) => [r.code, r.parentCode])).toEqual([
			['001', '01'],
			['01', null]
		]);
	});

	it('skips blank lines and lines of empty cells, keeping later line numbers physical', () => {
		expect(messages(csv(HEADER, '', '01,A,tinh,,,', '   ', ',,,,,', '02,B,xom,,,'))).toEqual([
			'6: unknown type "xom"'
		]);
	});

	it('trims cells and normalises names to NFC with single spaces', () => {
		const { rows } = parseUnitsCsv(csv(' 01 ,  Hà   Nội ,  tinh , ,,'.normalize('NFD')));
		expect(rows[0]).toMatchObject({
			code: '01',
			name: 'Hà Nội'.normalize('NFC'),
			type: 'province',
			parentCode: null
		});
	});

	it('reads semicolon-separated files (Excel with decimal commas)', () => {
		const { rows, errors } = parseUnitsCsv(
			csv('code;name;type;parent_code;lat;lon', '01;Hà Nội;tinh;;21,03;105,85')
		);
		expect(errors).toEqual([]);
		expect(rows[0]).toMatchObject({ code: '01', lat: 21.03, lon: 105.85 });
	});

	it('returns nothing for an empty file or a header alone', () => {
		expect(parseUnitsCsv('')).toEqual({ rows: [], errors: [] });
		expect(parseUnitsCsv(HEADER + '\n')).toEqual({ rows: [], errors: [] });
	});
});

describe('parseUnitsCsv: validation, each error on its line', () => {
	it.each([
		['missing code', ',A,tinh,,,', 'code is required'],
		['bad code', '0 1,A,tinh,,,', 'invalid code "0 1" (use 1–32 letters, digits, ".", "_" or "-")'],
		['code too long', `${'1'.repeat(33)},A,tinh,,,`, 'invalid code'],
		['missing name', '01,  ,tinh,,,', 'name is required'],
		[
			'name too long',
			`01,${'a'.repeat(201)},tinh,,,`,
			'name is too long (201 characters, at most 200)'
		],
		['missing type', '01,A,,,,', 'type is required'],
		['unknown type', '01,A,xom,,,', 'unknown type "xom"'],
		['bad parent code', '01,A,xa,0/1,,', 'invalid parent_code "0/1"'],
		[
			'lat without lon',
			'01,A,tinh,,21,',
			'lat and lon must be given together (or both left empty)'
		],
		[
			'lon without lat',
			'01,A,tinh,,,105',
			'lat and lon must be given together (or both left empty)'
		],
		['lat not a number', '01,A,tinh,,abc,105', 'lat "abc" is not a number'],
		['lat out of range', '01,A,tinh,,91,105', 'lat 91 is out of range (−90 to 90)'],
		['lon out of range', '01,A,tinh,,21,-180.5', 'lon -180.5 is out of range (−180 to 180)'],
		['too few columns', '01,A,tinh', 'expected 6 columns as in the header, found 3'],
		['too many columns', '01,A,tinh,,1,2,3', 'expected 6 columns as in the header, found 7']
	])('%s', (_, line, message) => {
		const { rows, errors } = parseUnitsCsv(csv(HEADER, '02,OK,tinh,,,', line));
		expect(rows.map((r) => r.code)).toEqual(['02']);
		expect(errors).toHaveLength(1);
		expect(errors[0].line).toBe(3);
		expect(errors[0].message).toContain(message);
	});

	it('accepts a name of exactly 200 characters, counting Vietnamese letters once', () => {
		const { errors } = parseUnitsCsv(csv(`01,${'ệ'.repeat(200)},tinh,,,`));
		expect(errors).toEqual([]);
	});

	it('accepts lat/lon at the range limits', () => {
		const { rows } = parseUnitsCsv(csv('01,A,tinh,,-90,180'));
		expect(rows[0]).toMatchObject({ lat: -90, lon: 180 });
	});

	it('needs 4 or 6 columns without a header', () => {
		expect(messages(csv('01,A,tinh,,21'))).toEqual(['1: expected 4 or 6 columns, found 5']);
		expect(messages(csv('01,A,tinh'))).toEqual(['1: expected 4 or 6 columns, found 3']);
	});

	it('reports every problem of a row', () => {
		expect(messages(csv(HEADER, ',,xom,,95,'))).toEqual([
			'2: code is required',
			'2: name is required',
			'2: unknown type "xom"',
			'2: lat and lon must be given together (or both left empty)'
		]);
	});

	it('reports a duplicate code on the second occurrence, naming the first line', () => {
		const { rows, errors } = parseUnitsCsv(
			csv(HEADER, '01,A,tinh,,,', '02,B,tinh,,,', '01,C,tinh,,,')
		);
		expect(errors).toEqual([{ line: 4, message: 'duplicate code "01" (first on line 2)' }]);
		expect(rows.map((r) => r.name)).toEqual(['A', 'B']);
	});

	it('treats codes differing only by leading zeros as different', () => {
		const { errors, rows } = parseUnitsCsv(csv('01,A,tinh,,,', '1,B,tinh,,,', '001,C,huyen,01,,'));
		expect(errors).toEqual([]);
		expect(rows.map((r) => r.code)).toEqual(['01', '1', '001']);
	});

	it('reports a duplicate even when the first occurrence had another error', () => {
		expect(messages(csv('01,A,xom,,,', '01,B,tinh,,,'))).toEqual([
			'1: unknown type "xom"',
			'2: duplicate code "01" (first on line 1)'
		]);
	});

	it('reports an unterminated quote at the line it opens', () => {
		expect(messages(csv(HEADER, '01,A,tinh,,,', '02,"B,tinh,,,', '03,C,tinh,,,'))).toEqual([
			'3: unterminated quoted field'
		]);
	});

	it('reports text after a closing quote', () => {
		expect(messages(csv(HEADER, '01,"A"x,tinh,,,'))).toEqual([
			'2: unexpected text after a closing quote'
		]);
	});

	it('rejects a bad header and reads no rows', () => {
		const r = parseUnitsCsv(csv('code,name,kind,parent_code', '01,A,tinh,'));
		expect(r.rows).toEqual([]);
		expect(r.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
			'1: unknown column "kind" (expected code, name, type, parent_code, lat, lon, dvcqg_code)',
			'1: missing column "type"'
		]);
		expect(messages(csv('code,name,type,parent_code,lat'))).toEqual([
			'1: columns lat and lon must come together'
		]);
		expect(messages(csv('code,name,name,type,parent_code'))).toEqual([
			'1: column "name" appears twice'
		]);
	});
});

describe('parseUnitsFile and prepareUnitsImport', () => {
	const geo = JSON.stringify({
		type: 'FeatureCollection',
		features: [
			{ type: 'Feature', properties: { code: '01', name: 'A', type: 'tinh' }, geometry: null }
		]
	});

	it('chooses the reader by extension, then by content', () => {
		expect(parseUnitsFile('units.CSV', '01,A,tinh,').format).toBe('csv');
		expect(parseUnitsFile('units.geojson', geo)).toMatchObject({ format: 'geojson', errors: [] });
		expect(parseUnitsFile('units.json', geo).rows[0]).toMatchObject({ code: '01', feature: 1 });
		expect(parseUnitsFile('units.txt', '\uFEFF  \n' + geo).format).toBe('geojson');
		expect(parseUnitsFile('units', '01,A,tinh,').format).toBe('csv');
		expect(parseUnitsFile('units.csv', geo).errors.length).toBeGreaterThan(0);
	});

	it('orders rows parents first and checks the tree only after a clean parse', () => {
		const ok = prepareUnitsImport(
			'u.csv',
			csv('00004,P,phuong,001', '001,Q,quan,01', '01,T,tinh,'),
			new Map()
		);
		expect(ok.errors).toEqual([]);
		expect(ok.rows.map((r) => r.code)).toEqual(['01', '001', '00004']);
		const orphan = prepareUnitsImport('u.csv', csv('001,Q,quan,99'), new Map());
		expect(orphan.errors).toEqual([{ line: 1, message: 'unknown parent_code "99"' }]);
		const bad = prepareUnitsImport('u.csv', csv('01,T,xom,', '001,Q,quan,01'), new Map());
		expect(bad.errors).toEqual([{ line: 1, message: 'unknown type "xom"' }]);
	});

	it('formats errors with their location', () => {
		expect(formatImportError({ line: 7, message: 'unknown type "xom"' })).toBe(
			'line 7: unknown type "xom"'
		);
		expect(formatImportError({ line: 3, message: 'name is required', feature: 3 })).toBe(
			'feature 3: name is required'
		);
	});
});

describe('the national portal code (dvcqg_code)', () => {
	it('is an optional column by header: given, empty (none) or absent (kept as it is)', () => {
		const r = parseUnitsCsv(
			csv(
				'code,name,type,parent_code,dvcqg_code',
				'46,Tỉnh,province,,000.00.00.H46',
				'460,Huyện,district,46,'
			)
		);
		expect(r.errors).toEqual([]);
		expect(r.rows.map((u) => u.dvcqgCode)).toEqual(['000.00.00.H46', null]);
		expect(parseUnitsCsv(csv('46,Tỉnh,province,')).rows[0].dvcqgCode).toBeUndefined();
	});
	it('is refused by line when it is not a code', () => {
		const r = parseUnitsCsv(
			csv('code,name,type,parent_code,dvcqg_code', '46,Tỉnh,province,,mã có dấu')
		);
		expect(r.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
			'2: invalid dvcqg_code "mã có dấu" (use 1–64 letters, digits, ".", "_" or "-")'
		]);
	});
	it('is read from GeoJSON properties too', () => {
		const fc = (props: Record<string, unknown>) =>
			JSON.stringify({
				type: 'FeatureCollection',
				features: [
					{
						type: 'Feature',
						properties: { code: '46', name: 'Tỉnh', type: 'province', parent_code: null, ...props },
						geometry: null
					}
				]
			});
		expect(parseUnitsGeoJson(fc({ dvcqg_code: '000.00.00.H46' })).rows[0].dvcqgCode).toBe(
			'000.00.00.H46'
		);
		expect(parseUnitsGeoJson(fc({})).rows[0].dvcqgCode).toBeUndefined();
		expect(parseUnitsGeoJson(fc({ dvcqg_code: 46 })).errors[0].message).toMatch(
			/dvcqg_code must be a string/
		);
	});
});
