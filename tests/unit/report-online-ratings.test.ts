import { describe, expect, it } from 'vitest';
import { foldDossier, type FoldEvent } from '../../src/lib/domain/dossier/state.ts';
import {
	counterShare,
	filedOnBehalfSignal,
	orderForReview,
	type OnlineRatings
} from '../../src/lib/domain/report/online-ratings.ts';

const r = (
	code: string,
	online: number,
	ratedOnline: number,
	ratedAtCounter: number,
	ratedQr: number
): OnlineRatings & { code: string } => ({
	code,
	online,
	ratedOnline,
	ratedAtCounter,
	ratedQr,
	unrated: online - ratedOnline - ratedAtCounter - ratedQr
});

describe('where online dossiers were rated', () => {
	it('the counter share is over the rated ones', () => {
		expect(counterShare(r('a', 10, 3, 1, 0))).toBe(0.25);
		expect(counterShare(r('a', 10, 0, 0, 0))).toBeNull();
	});
	it('signals a unit with enough ratings and at least a quarter of them at the counter', () => {
		expect(filedOnBehalfSignal(r('a', 20, 3, 1, 0))).toBe(false); // 4 rated: too few to say
		expect(filedOnBehalfSignal(r('a', 20, 3, 1, 1))).toBe(false); // 1 of 5 = 20 %
		expect(filedOnBehalfSignal(r('a', 20, 2, 2, 1))).toBe(true); // 2 of 5 = 40 %
		expect(filedOnBehalfSignal(r('a', 20, 6, 2, 0))).toBe(true); // exactly 25 %
	});
	it('orders signalled units first, then by counter share and volume', () => {
		const rows = [
			r('x', 100, 90, 5, 5),
			r('y', 10, 2, 3, 0),
			r('z', 50, 0, 0, 0),
			r('w', 200, 150, 10, 0)
		];
		expect(orderForReview(rows).map((u) => u.code)).toEqual(['y', 'w', 'x', 'z']);
	});
	it('the dossier keeps where its latest rating was given', () => {
		const base = { unit: '1', id: '' };
		const events: FoldEvent[] = [
			{
				...base,
				seq: 1,
				type: 'dossier.received',
				at: new Date('2026-03-01T08:00:00Z'),
				channel: 'online',
				dueAt: new Date('2026-03-05T10:00:00Z')
			},
			{
				...base,
				seq: 3,
				type: 'dossier.rated',
				at: new Date('2026-03-03T08:00:00Z'),
				level: 'satisfied',
				via: 'online'
			},
			{
				...base,
				seq: 2,
				type: 'dossier.rated',
				at: new Date('2026-03-02T08:00:00Z'),
				level: 'unsatisfied',
				via: 'kiosk'
			}
		];
		expect(foldDossier('D', events)).toMatchObject({ rating: 'satisfied', ratingVia: 'online' });
		expect(foldDossier('D', events.slice(0, 1)).ratingVia).toBeNull();
	});
});
