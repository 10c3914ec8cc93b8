import { describe, expect, it } from 'vitest';
import {
	buildAncestors,
	buildChildren,
	depthOf,
	descendantsAtLevel,
	isInScope,
	sortImportOrder,
	topUnits,
	validateUnitTree,
	type ExistingUnits,
	type UnitRow
} from '../../src/lib/domain/units/index.ts';

let nextLine = 1;
const row = (code: string, parentCode: string | null, line = nextLine++): UnitRow => ({
	code,
	name: `Unit ${code}`,
	type: 'other',
	parentCode,
	lat: null,
	lon: null,
	geometry: null,
	line
});
const existing = (pairs: Record<string, string | null>): ExistingUnits =>
	new Map(Object.entries(pairs).map(([code, parentCode]) => [code, { parentCode }]));
const NONE = existing({});

describe('validateUnitTree', () => {
	it('accepts a tree whose parents are in the file, in any order, or already stored', () => {
		const rows = [
			row('00004', '001', 2),
			row('001', '01', 3),
			row('01', null, 4),
			row('002', '02', 5)
		];
		expect(validateUnitTree(rows, existing({ '02': null }))).toEqual([]);
	});

	it('reports an unknown parent on the line of the row', () => {
		const rows = [
			row('01', null, 2),
			row('001', '01', 3),
			row('002', '1', 4),
			row('00004', '999', 7)
		];
		expect(validateUnitTree(rows, existing({ '99': null }))).toEqual([
			{ line: 4, message: 'unknown parent_code "1"' },
			{ line: 7, message: 'unknown parent_code "999"' }
		]);
	});

	it('reports a unit that is its own parent', () => {
		expect(validateUnitTree([row('01', null, 2), row('001', '001', 3)], NONE)).toEqual([
			{ line: 3, message: 'unit is its own parent' }
		]);
	});

	it('reports a loop within the file on every row of it, but not on rows below it', () => {
		const rows = [
			row('A', 'C', 2),
			row('B', 'A', 3),
			row('C', 'B', 4),
			row('D', 'C', 5),
			row('01', null, 6)
		];
		expect(validateUnitTree(rows, NONE)).toEqual([
			{ line: 2, message: 'parent chain loops: A → C → B → A' },
			{ line: 3, message: 'parent chain loops: B → A → C → B' },
			{ line: 4, message: 'parent chain loops: C → B → A → C' }
		]);
	});

	it('reports a two-unit loop', () => {
		const errors = validateUnitTree([row('01', '02', 8), row('02', '01', 9)], NONE);
		expect(errors).toEqual([
			{ line: 8, message: 'parent chain loops: 01 → 02 → 01' },
			{ line: 9, message: 'parent chain loops: 02 → 01 → 02' }
		]);
	});

	it('reports a loop formed with stored units when the file re-parents one of them', () => {
		const stored = existing({ '01': null, '001': '01', '00004': '001' });
		expect(validateUnitTree([row('01', '00004', 2)], stored)).toEqual([
			{
				line: 2,
				message: 'parent chain loops: 01 → 00004 → 001 → 01 (00004, 001 are existing units)'
			}
		]);
	});

	it('lets the file move a stored unit elsewhere without a loop', () => {
		const stored = existing({ '01': null, '02': null, '001': '01', '00004': '001' });
		expect(validateUnitTree([row('001', '02', 2)], stored)).toEqual([]);
	});

	it('uses the file parent of a re-parented stored unit, not the stored one', () => {
		// Stored: 001 under 01. The file moves 001 to the top and 01 under 001: no loop.
		const stored = existing({ '01': null, '001': '01' });
		expect(validateUnitTree([row('001', null, 2), row('01', '001', 3)], stored)).toEqual([]);
		// Without the first row, the same move of 01 loops through the stored 001.
		expect(validateUnitTree([row('01', '001', 3)], stored)).toEqual([
			{ line: 3, message: 'parent chain loops: 01 → 001 → 01 (001 is an existing unit)' }
		]);
	});

	it('reports rows hanging from a loop among stored units', () => {
		const stored = existing({ X: 'Y', Y: 'X' });
		expect(validateUnitTree([row('01', 'X', 4)], stored)).toEqual([
			{ line: 4, message: 'parent chain reaches a loop among existing units: X → Y → X' }
		]);
	});

	it('keeps the feature number of GeoJSON rows', () => {
		const r = { ...row('01', '99', 3), feature: 3 };
		expect(validateUnitTree([r], NONE)).toEqual([
			{ line: 3, feature: 3, message: 'unknown parent_code "99"' }
		]);
	});

	it('handles a long chain without recursion limits', () => {
		const rows = Array.from({ length: 50_000 }, (_, i) =>
			row(`u${i}`, i === 0 ? null : `u${i - 1}`, i + 1)
		);
		expect(validateUnitTree(rows, NONE)).toEqual([]);
		rows[0] = row('u0', 'u49999', 1);
		const errors = validateUnitTree(rows, NONE);
		expect(errors).toHaveLength(50_000);
		expect(errors[0]).toEqual({
			line: 1,
			message:
				'parent chain loops: u0 → u49999 → u49998 → u49997 → u49996 → u49995 → u49994 → u49993 → … (50000 units in the loop)'
		});
	});
});

const UNITS = [
	{ code: '01', parentCode: null },
	{ code: '02', parentCode: null },
	{ code: '001', parentCode: '01' },
	{ code: '002', parentCode: '01' },
	{ code: '010', parentCode: '02' },
	{ code: '00004', parentCode: '001' },
	{ code: '00001', parentCode: '001' },
	{ code: '00007', parentCode: '002' },
	{ code: '00300', parentCode: '010' }
];

describe('tree helpers', () => {
	const ancestors = buildAncestors(UNITS);

	it('lists ancestors from the root down to the unit itself', () => {
		expect(ancestors.get('01')).toEqual(['01']);
		expect(ancestors.get('001')).toEqual(['01', '001']);
		expect(ancestors.get('00004')).toEqual(['01', '001', '00004']);
		expect(ancestors.get('00300')).toEqual(['02', '010', '00300']);
		expect(ancestors.size).toBe(UNITS.length);
	});

	it('gives depths, 0 for top units, null for unknown ones', () => {
		expect(depthOf(ancestors, '02')).toBe(0);
		expect(depthOf(ancestors, '002')).toBe(1);
		expect(depthOf(ancestors, '00007')).toBe(2);
		expect(depthOf(ancestors, '9')).toBeNull();
	});

	it('checks scope: the unit itself and its subtree', () => {
		expect(isInScope(ancestors, '01', '01')).toBe(true);
		expect(isInScope(ancestors, '01', '00004')).toBe(true);
		expect(isInScope(ancestors, '001', '00004')).toBe(true);
		expect(isInScope(ancestors, '001', '00007')).toBe(false);
		expect(isInScope(ancestors, '02', '00004')).toBe(false);
		expect(isInScope(ancestors, '00004', '001')).toBe(false);
		expect(isInScope(ancestors, '1', '001')).toBe(false);
		expect(isInScope(ancestors, '01', 'unknown')).toBe(false);
	});

	it('finds descendants a given number of levels down, sorted by code', () => {
		expect(descendantsAtLevel(UNITS, '01', 1)).toEqual(['001', '002']);
		expect(descendantsAtLevel(UNITS, '01', 2)).toEqual(['00001', '00004', '00007']);
		expect(descendantsAtLevel(UNITS, '01', 0)).toEqual(['01']);
		expect(descendantsAtLevel(UNITS, '01', 3)).toEqual([]);
		expect(descendantsAtLevel(UNITS, '00004', 1)).toEqual([]);
		expect(descendantsAtLevel(buildChildren(UNITS), '02', 2)).toEqual(['00300']);
		expect(() => descendantsAtLevel(UNITS, '01', -1)).toThrow(RangeError);
		expect(() => descendantsAtLevel(UNITS, '01', 1.5)).toThrow(RangeError);
	});

	it('lists top units and children sorted by code', () => {
		expect(topUnits(UNITS)).toEqual(['01', '02']);
		expect(buildChildren(UNITS).get('001')).toEqual(['00001', '00004']);
	});

	it('treats a unit with an unknown parent as a top unit and survives loops', () => {
		const broken = buildAncestors([
			{ code: 'a', parentCode: 'missing' },
			{ code: 'x', parentCode: 'y' },
			{ code: 'y', parentCode: 'x' }
		]);
		expect(broken.get('a')).toEqual(['a']);
		expect(broken.get('x')).toEqual(['y', 'x']);
		expect(broken.get('y')).toEqual(['y']);
	});

	it('orders import rows parents first, otherwise keeping file order', () => {
		const rows = [
			row('00004', '001'),
			row('001', '01'),
			row('002', '01'),
			row('01', null),
			row('003', '99'),
			row('00009', '002')
		];
		const sorted = sortImportOrder(rows).map((r) => r.code);
		expect(sorted).toEqual(['01', '003', '001', '002', '00004', '00009']);
		for (const r of rows) {
			if (r.parentCode !== null && sorted.includes(r.parentCode)) {
				expect(sorted.indexOf(r.parentCode)).toBeLessThan(sorted.indexOf(r.code));
			}
		}
	});

	it('puts rows caught in a loop last', () => {
		const rows = [row('A', 'B'), row('01', null), row('B', 'A'), row('001', '01')];
		expect(sortImportOrder(rows).map((r) => r.code)).toEqual(['01', '001', 'A', 'B']);
	});
});
