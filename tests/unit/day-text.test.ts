/** Days typed as dd/MM/yyyy (components/DayInput.svelte). */
import { describe, expect, it } from 'vitest';
import { dayFromText, dayToText } from '../../src/lib/domain/calendar/day-text.ts';

describe('dd/MM/yyyy days', () => {
	it('read strictly', () => {
		expect(dayFromText('31/12/2026')).toBe('2026-12-31');
		expect(dayFromText('1/2/2026')).toBe('2026-02-01');
		expect(dayFromText('01-02-2026')).toBe('2026-02-01');
		for (const bad of [
			'29/02/2025',
			'2026-12-31',
			'32/01/2026',
			'12/31/2026',
			'01/01/1989',
			'',
			'x'
		])
			expect(dayFromText(bad), bad).toBeNull();
	});
	it('written back', () => {
		expect(dayToText('2026-12-31')).toBe('31/12/2026');
		expect(dayToText('')).toBe('');
	});
});
