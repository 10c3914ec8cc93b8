import { describe, expect, it } from 'vitest';
import { arrowOf, changeOf } from '../../src/lib/domain/report/comparison.ts';
import { calendarDaysLate, workingDaysLate } from '../../src/lib/domain/report/lateness.ts';
import { createCalendar } from '../../src/lib/domain/calendar/index.ts';
import { cssString, printPageCss } from '../../src/lib/components/report/print-css.ts';

describe('comparison changes', () => {
	it('counts: difference, arrow and verdict by the direction that is better', () => {
		expect(changeOf('count', 'down', 3, 5)).toEqual({ diff: -2, sign: -1, verdict: 'better' });
		expect(changeOf('count', 'down', 5, 3)).toEqual({ diff: 2, sign: 1, verdict: 'worse' });
		expect(changeOf('count', null, 5, 3)).toEqual({ diff: 2, sign: 1, verdict: 'neutral' });
		expect(changeOf('count', 'up', 4, 4)).toEqual({ diff: 0, sign: 0, verdict: 'neutral' });
	});
	it('rates: percentage points; missing values give no change', () => {
		const c = changeOf('rate', 'up', 0.215, 0.2);
		expect(c.diff).toBeCloseTo(1.5);
		expect(c).toMatchObject({ sign: 1, verdict: 'better' });
		expect(changeOf('rate', 'up', 0.2, 0.2004)).toMatchObject({ sign: 0, verdict: 'neutral' });
		expect(changeOf('rate', 'up', null, 0.2)).toEqual({ diff: null, sign: 0, verdict: 'neutral' });
	});
	it('arrows', () => {
		expect([arrowOf(1), arrowOf(-1), arrowOf(0)]).toEqual(['▲', '▼', '■']);
	});
});

describe('days late', () => {
	const cal = createCalendar();
	const at = (s: string) => new Date(s);
	it('working days after the due day, skipping weekends', () => {
		// Due Friday 2024-03-08; resolved Tuesday 2024-03-12: Mon + Tue = 2 working days, 4 calendar days.
		expect(
			workingDaysLate(cal, at('2024-03-08T17:00:00+07:00'), at('2024-03-12T09:00:00+07:00'))
		).toBe(2);
		expect(calendarDaysLate(at('2024-03-08T17:00:00+07:00'), at('2024-03-12T09:00:00+07:00'))).toBe(
			4
		);
	});
	it('late by hours on the due day is 0 working days', () => {
		expect(
			workingDaysLate(cal, at('2024-03-08T10:00:00+07:00'), at('2024-03-08T16:00:00+07:00'))
		).toBe(0);
	});
	it('skips public holidays (30/4 and 1/5)', () => {
		// Due Monday 2024-04-29; resolved Thursday 2024-05-02: 30/4 and 1/5 are off → 1 working day.
		expect(
			workingDaysLate(cal, at('2024-04-29T17:00:00+07:00'), at('2024-05-02T10:00:00+07:00'))
		).toBe(1);
	});
	it('uses local days (UTC+7)', () => {
		// 2024-03-11T17:30Z is Tuesday 00:30 local.
		expect(workingDaysLate(cal, at('2024-03-08T17:00:00+07:00'), at('2024-03-11T17:30:00Z'))).toBe(
			2
		);
	});
});

describe('print stylesheet', () => {
	it('A4 landscape with page numbers and the footer in page-margin boxes', () => {
		const css = printPageCss('Xã An (46001) · Quý I/2024', 'Trang');
		expect(css).toContain('size: A4 landscape');
		expect(css).toContain('counter(page) " / " counter(pages)');
		expect(css).toContain('@bottom-left { content: "Xã An (46001) · Quý I/2024"');
	});
	it('escapes anything that could end the string or the style element', () => {
		const s = cssString('a"b\\c</style><script>');
		expect(s).not.toMatch(/[<>\\]style|"b/);
		expect(s.startsWith('"') && s.endsWith('"')).toBe(true);
		expect(s.slice(1, -1)).not.toContain('"');
		expect(s).not.toContain('<');
	});
});
