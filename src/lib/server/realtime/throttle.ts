/**
 * How often a figure room may be pushed: every tick while the room is small,
 * less often once one push (its bytes times its sockets) would exceed the
 * process's byte budget for figures. A province's `figures` message carries
 * its children's league table (~12 KB for 100 communes); at 4 pushes a second
 * to 1,000 sockets that alone was ~50 MB/s on the one core the sockets share,
 * as much as the feed itself. Feed items are never throttled (they must reach
 * the screen within 100 ms); only the figures refresh more slowly, at most
 * every `maxMs`.
 */
export type FiguresBudget = {
	/** The tick: the shortest interval between two pushes to one room. */
	intervalMs: number;
	/** Bytes of figures per second one room may cost (message bytes × sockets). */
	bytesPerSecond: number;
	/** The longest interval, however large the room. */
	maxMs: number;
};

/** Milliseconds from one push until the room's next may go out. */
export function nextPushAfter(messageBytes: number, sockets: number, b: FiguresBudget): number {
	const spread = ((messageBytes * Math.max(1, sockets)) / b.bytesPerSecond) * 1000;
	return Math.min(b.maxMs, Math.max(b.intervalMs, Math.ceil(spread)));
}
