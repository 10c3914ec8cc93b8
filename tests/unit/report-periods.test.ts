import { describe, expect, it } from 'vitest';
import {
	parsePeriod,
	periodContaining,
	periodLabel,
	reportingPeriod,
	reportingPeriodOfMonth,
	sameLastYear,
	shiftPeriod
} from '../../src/lib/domain/report/periods.ts';

describe('reporting period (15th of the previous month – 14th of the month)', () => {
	it('of a month', () => {
		expect(reportingPeriodOfMonth(2024, 3)).toEqual({ from: '2024-02-15', to: '2024-03-14' });
		expect(reportingPeriodOfMonth(2024, 1)).toEqual({ from: '2023-12-15', to: '2024-01-14' });
		expect(reportingPeriodOfMonth(2023, 12)).toEqual({ from: '2023-11-15', to: '2023-12-14' });
	});
	it('containing a day: up to the 14th belongs to this month, from the 15th to next month', () => {
		expect(reportingPeriod('2024-03-14')).toEqual({ from: '2024-02-15', to: '2024-03-14' });
		expect(reportingPeriod('2024-03-15')).toEqual({ from: '2024-03-15', to: '2024-04-14' });
		expect(reportingPeriod('2024-03-01')).toEqual({ from: '2024-02-15', to: '2024-03-14' });
		expect(reportingPeriod('2023-12-31')).toEqual({ from: '2023-12-15', to: '2024-01-14' });
		expect(reportingPeriod('2024-01-10')).toEqual({ from: '2023-12-15', to: '2024-01-14' });
	});
	it('periods tile the calendar: each starts the day after the previous one ends', () => {
		let r = reportingPeriod('2022-06-20');
		for (let i = 0; i < 30; i++) {
			const next = shiftPeriod('reporting', r, 1);
			const dayAfter = new Date(Date.parse(`${r.to}T00:00:00Z`) + 86_400_000)
				.toISOString()
				.slice(0, 10);
			expect(next.from).toBe(dayAfter);
			expect(next.from.endsWith('-15') && next.to.endsWith('-14')).toBe(true);
			r = next;
		}
	});
});

describe('periods of a kind', () => {
	it('month, quarter, year containing a day', () => {
		expect(periodContaining('month', '2024-02-10')).toEqual({
			from: '2024-02-01',
			to: '2024-02-29'
		});
		expect(periodContaining('quarter', '2022-08-31')).toEqual({
			from: '2022-07-01',
			to: '2022-09-30'
		});
		expect(periodContaining('year', '2022-08-31')).toEqual({
			from: '2022-01-01',
			to: '2022-12-31'
		});
	});
	it('shift by whole periods across year ends', () => {
		expect(shiftPeriod('month', { from: '2024-01-01', to: '2024-01-31' }, -1)).toEqual({
			from: '2023-12-01',
			to: '2023-12-31'
		});
		expect(shiftPeriod('quarter', { from: '2023-01-01', to: '2023-03-31' }, -1)).toEqual({
			from: '2022-10-01',
			to: '2022-12-31'
		});
		expect(shiftPeriod('quarter', { from: '2022-10-01', to: '2022-12-31' }, 1)).toEqual({
			from: '2023-01-01',
			to: '2023-03-31'
		});
		expect(shiftPeriod('year', { from: '2023-01-01', to: '2023-12-31' }, -1)).toEqual({
			from: '2022-01-01',
			to: '2022-12-31'
		});
		expect(shiftPeriod('reporting', { from: '2024-02-15', to: '2024-03-14' }, -1)).toEqual({
			from: '2024-01-15',
			to: '2024-02-14'
		});
		expect(shiftPeriod('reporting', { from: '2023-12-15', to: '2024-01-14' }, -1)).toEqual({
			from: '2023-11-15',
			to: '2023-12-14'
		});
		expect(shiftPeriod('custom', { from: '2022-12-12', to: '2022-12-21' }, -1)).toEqual({
			from: '2022-12-02',
			to: '2022-12-11'
		});
	});
	it('same period last year, 29 February becomes 28 February', () => {
		expect(sameLastYear({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
			from: '2023-02-01',
			to: '2023-02-28'
		});
		expect(sameLastYear({ from: '2023-02-15', to: '2023-03-14' })).toEqual({
			from: '2022-02-15',
			to: '2022-03-14'
		});
	});
	it('labels', () => {
		expect(periodLabel('quarter', { from: '2022-07-01', to: '2022-09-30' })).toBe('Quý III/2022');
		expect(periodLabel('month', { from: '2024-03-01', to: '2024-03-31' })).toBe('Tháng 3/2024');
		expect(periodLabel('year', { from: '2022-01-01', to: '2022-12-31' })).toBe('Năm 2022');
		expect(periodLabel('reporting', { from: '2024-02-15', to: '2024-03-14' })).toBe(
			'Kỳ báo cáo tháng 3/2024 (15/02/2024 – 14/03/2024)'
		);
		expect(periodLabel('custom', { from: '2022-12-12', to: '2023-12-12' })).toBe(
			'12/12/2022 – 12/12/2023'
		);
		expect(periodLabel('quarter', { from: '2022-07-01', to: '2022-09-30' }, 'en')).toBe('Q3/2022');
	});
});

describe('parsePeriod (URL parameters)', () => {
	const today = '2024-03-20';
	it('defaults to the month of today', () => {
		expect(parsePeriod({}, today)).toEqual({
			ok: true,
			value: { kind: 'month', range: { from: '2024-03-01', to: '2024-03-31' } }
		});
	});
	it('a kind picks the period containing `from` and ignores `to`', () => {
		expect(parsePeriod({ p: 'reporting', from: '2024-03-20', to: '1999-01-01' }, today)).toEqual({
			ok: true,
			value: { kind: 'reporting', range: { from: '2024-03-15', to: '2024-04-14' } }
		});
		expect(parsePeriod({ p: 'quarter', from: '2022-08-10' }, today)).toMatchObject({
			ok: true,
			value: { range: { from: '2022-07-01', to: '2022-09-30' } }
		});
	});
	it('custom needs two valid, ordered days within the limit', () => {
		expect(parsePeriod({ p: 'custom', from: '2022-12-12', to: '2023-12-12' }, today)).toMatchObject(
			{ ok: true, value: { kind: 'custom' } }
		);
		expect(parsePeriod({ p: 'custom', from: '2022-12-12' }, today)).toMatchObject({ ok: false });
		expect(parsePeriod({ p: 'custom', from: '2023-12-12', to: '2022-12-12' }, today)).toMatchObject(
			{ ok: false }
		);
		expect(parsePeriod({ p: 'custom', from: '2023-02-29', to: '2023-03-01' }, today)).toMatchObject(
			{ ok: false }
		);
		expect(parsePeriod({ p: 'custom', from: '2000-01-01', to: '2023-03-01' }, today)).toMatchObject(
			{ ok: false }
		);
	});
	it('rejects unknown kinds and bad days with a message', () => {
		const r = parsePeriod({ p: 'week' }, today);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toContain('week');
		expect(parsePeriod({ p: 'month', from: '2024-13-01' }, today)).toMatchObject({ ok: false });
	});
});
