import { describe, expect, it } from 'vitest';
import { foldDossier, type FoldEvent } from '../../src/lib/domain/dossier/state.ts';

const DUE = '2026-03-05T10:00:00Z';
const t = (iso: string) => new Date(iso);

/** A dossier received on 1 March and resolved at `resolvedAt`; each event accepted at the given time (or never stored: undefined). */
function dossier(
	resolvedAt: string,
	receiptAccepted: string | undefined,
	resolutionAccepted: string | undefined
): FoldEvent[] {
	const base = { unit: '1', id: '' };
	return [
		{
			...base,
			seq: 1,
			type: 'dossier.received',
			at: t('2026-03-01T08:00:00Z'),
			channel: 'direct',
			dueAt: t(DUE),
			acceptedAt: receiptAccepted ? t(receiptAccepted) : undefined
		},
		{
			...base,
			seq: 2,
			type: 'dossier.resolved',
			at: t(resolvedAt),
			acceptedAt: resolutionAccepted ? t(resolutionAccepted) : undefined
		}
	];
}

describe('late_sync: resolved in time, but we learned of it only after the appointment', () => {
	it('flags an on-time resolution that arrived after the appointment of a dossier we were watching', () => {
		const s = foldDossier(
			'D',
			dossier('2026-03-05T09:40:00Z', '2026-03-01T08:01:00Z', '2026-03-05T10:20:00Z')
		);
		expect(s.outcome).toBe('on_time');
		expect(s.flags).toEqual(['late_sync']);
		expect(
			foldDossier(
				'D',
				dossier('2026-03-03T09:00:00Z', '2026-03-01T08:01:00Z', '2026-03-06T08:00:00Z')
			).flags
		).toEqual(['late_sync']); // early
	});
	it('does not flag a resolution that arrived in time, or exactly at the appointment', () => {
		expect(
			foldDossier(
				'D',
				dossier('2026-03-05T09:40:00Z', '2026-03-01T08:01:00Z', '2026-03-05T09:41:00Z')
			).flags
		).toEqual([]);
		expect(
			foldDossier('D', dossier('2026-03-05T09:40:00Z', '2026-03-01T08:01:00Z', DUE)).flags
		).toEqual([]);
	});
	it('does not flag history loaded after the fact (the receipt too was learned after the appointment)', () => {
		expect(
			foldDossier(
				'D',
				dossier('2026-03-05T09:40:00Z', '2026-11-30T08:00:00Z', '2026-11-30T08:00:00Z')
			).flags
		).toEqual([]);
	});
	it('does not flag a dossier really resolved late, or events never stored', () => {
		expect(
			foldDossier(
				'D',
				dossier('2026-03-05T11:00:00Z', '2026-03-01T08:01:00Z', '2026-03-05T11:05:00Z')
			).flags
		).toEqual(['no_apology']);
		expect(foldDossier('D', dossier('2026-03-05T09:40:00Z', undefined, undefined)).flags).toEqual(
			[]
		);
	});
	it('takes the earliest known receipt and the final resolution', () => {
		const events = dossier('2026-03-05T09:40:00Z', '2026-03-01T08:01:00Z', '2026-03-05T10:20:00Z');
		// a correction of the receipt arriving late does not hide that the dossier was known in time
		events.push({ ...events[0], seq: 3, acceptedAt: t('2026-03-07T00:00:00Z') });
		expect(foldDossier('D', events).receiptKnownAt).toEqual(t('2026-03-01T08:01:00Z'));
		expect(foldDossier('D', events).flags).toEqual(['late_sync']);
	});
});
