import { describe, expect, it } from 'vitest';
import { parentsAfter, parseMergersCsv } from '../../src/lib/domain/units/index.ts';

const parents = new Map<string, string | null>([
	['77', null],
	['771', '77'],
	['77001', '771'],
	['77002', '771'],
	['77100', '77']
]);

describe('parseMergersCsv', () => {
	it('reads rows with or without a header, BOM, CRLF, semicolons', () => {
		const r = parseMergersCsv(
			'\ufeffold_code,new_code,effective_date\r\n77001,77100,2025-07-01\r\n\r\n77002,77100,2025-07-01\r\n',
			parents
		);
		expect(r.errors).toEqual([]);
		expect(r.rows).toEqual([
			{ oldCode: '77001', newCode: '77100', effectiveDate: '2025-07-01', line: 2 },
			{ oldCode: '77002', newCode: '77100', effectiveDate: '2025-07-01', line: 4 }
		]);
		expect(parseMergersCsv('77001;77100;2025-07-01\n', parents).rows).toHaveLength(1);
	});

	it('names every bad line and returns no rows', () => {
		const r = parseMergersCsv(
			'77001,77100,2025-07-01\n77003,77100,2025-07-01\n77002,77100\n77001,77100,2025-07-01\n77002,77100,2025-02-30\n',
			parents
		);
		expect(r.rows).toEqual([]);
		expect(r.errors.map((e) => [e.line, e.message])).toEqual([
			[2, 'unknown old_code "77003" (import units first)'],
			[3, 'expected 3 cells (old_code,new_code,effective_date), got 2'],
			[4, 'old_code "77001" already mapped on line 1'],
			[5, 'effective_date must be YYYY-MM-DD, got "2025-02-30"']
		]);
	});

	it('refuses a successor inside the predecessor, and cycles with earlier mappings', () => {
		expect(parseMergersCsv('771,77001,2025-07-01\n', parents).errors[0].message).toMatch(
			/cycle \(771 → 77001 → 771\)/
		);
		const earlier = [{ oldCode: '77001', newCode: '77100', effectiveDate: '2025-07-01', line: 0 }];
		expect(parseMergersCsv('77100,77001,2025-08-01\n', parents, earlier).errors[0].message).toMatch(
			/cycle/
		);
		expect(parseMergersCsv('', parents).errors[0].message).toMatch(/no mapping row/);
	});

	it('moves each predecessor under its successor', () => {
		const after = parentsAfter(parents, [{ oldCode: '77001', newCode: '77100' }]);
		expect(after.get('77001')).toBe('77100');
		expect(after.get('77002')).toBe('771');
	});
});
