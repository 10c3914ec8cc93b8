import { describe, expect, it } from 'vitest';
import { nextPushAfter } from '../../src/lib/server/realtime/throttle.ts';

describe('figure pushes under a byte budget', () => {
	const budget = { intervalMs: 250, bytesPerSecond: 4 * 1024 * 1024, maxMs: 2000 };
	it('leaves a small room on the tick', () => {
		expect(nextPushAfter(12_000, 1, budget)).toBe(250);
		expect(nextPushAfter(12_000, 50, budget)).toBe(250);
	});
	it('spreads a large room so that it costs the budget at most', () => {
		// 12 kB × 200 sockets = 2.4 MB a push: at 4 MiB/s, one every ~572 ms.
		expect(nextPushAfter(12_000, 200, budget)).toBe(
			Math.ceil(((12_000 * 200) / (4 * 1024 * 1024)) * 1000)
		);
	});
	it('never waits longer than the longest interval', () => {
		expect(nextPushAfter(12_000, 1000, budget)).toBe(2000);
		expect(nextPushAfter(1e9, 1e6, budget)).toBe(2000);
	});
	it('counts an empty room as one socket', () => {
		expect(nextPushAfter(5_000_000, 0, budget)).toBe(nextPushAfter(5_000_000, 1, budget));
	});
});
