/** Overdue attribution (dossier/attribution.ts): the data's fault or the processing's, on constructed dossiers. */
import { describe, expect, it } from 'vitest';
import { judgedOverdue, overdueCause } from '../../src/lib/domain/dossier/attribution.ts';

describe('overdue attribution', () => {
	it('synchronisation: late sync, phantom overdue, or a resolution recorded after the return', () => {
		expect(
			overdueCause({ flags: ['late_sync'], returnedAt: null, resolvedAt: '2024-05-01T09:00:00Z' })
		).toBe('sync');
		expect(
			overdueCause({
				flags: ['phantom_overdue', 'no_apology'],
				returnedAt: '2024-05-01T09:00:00Z',
				resolvedAt: null
			})
		).toBe('sync');
		expect(
			overdueCause({
				flags: [],
				returnedAt: '2024-05-02T09:00:00Z',
				resolvedAt: '2024-05-03T09:00:00Z'
			})
		).toBe('sync');
	});
	it('processing otherwise', () => {
		expect(
			overdueCause({
				flags: ['no_apology'],
				returnedAt: '2024-05-04T09:00:00Z',
				resolvedAt: '2024-05-03T09:00:00Z'
			})
		).toBe('processing');
		expect(overdueCause({ flags: [], returnedAt: null, resolvedAt: null })).toBe('processing');
		expect(
			overdueCause({
				flags: ['many_supplements'],
				returnedAt: '2024-05-03T09:00:00Z',
				resolvedAt: '2024-05-03T09:00:00Z'
			})
		).toBe('processing');
	});
	it('judged overdue: resolved late, or in time but synchronised late', () => {
		expect(judgedOverdue({ outcome: 'overdue', flags: [] })).toBe(true);
		expect(judgedOverdue({ outcome: 'on_time', flags: ['late_sync'] })).toBe(true);
		expect(judgedOverdue({ outcome: 'early', flags: [] })).toBe(false);
		expect(judgedOverdue({ outcome: null, flags: [] })).toBe(false);
	});
});
