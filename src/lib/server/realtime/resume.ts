/**
 * Catching a subscriber up (`subscribe` with `since`) without a gap, a
 * duplicate or an inversion against the live feed:
 *
 * 1. Backlog, outside the fan-out queue: from the ring when it holds every
 *    item after `since` (asked of the database with one count when peer
 *    processes may have fed it), otherwise from the stored feed, page by page.
 *    A backlog of more than `resyncItems` whose first item entered the feed
 *    more than `resyncAgeMs` ago is not sent: the ack says `resync: true`
 *    (as for a `since` beyond anything this feed ever held).
 * 2. Inside the fan-out queue (no live batch in between): the items fanned
 *    out since step 1 read its data, from the ring; then the socket joins its
 *    rooms. Every later item reaches it live, and in seq order.
 *
 * Every `feed` message holds at most `chunkSize` items, in seq order.
 */
import type { Database } from '../db/index.ts';
import type { Fanout } from './fanout.ts';
import { feedCountBetween, feedSince, feedTop } from '../queries/feed-log.ts';
import type { FeedRing } from './ring.ts';
import type { FeedItem, HubSettings, HubStats, LiveSocket } from './types.ts';

export type ResumeDeps = {
	database: Database;
	ring: FeedRing;
	fanout: Fanout;
	settings: HubSettings;
	stats: HubStats;
	/** Whether other app processes may feed the ring (a cluster adapter is in use). */
	peers: boolean;
	now: () => Date;
};

export type CatchUp = { seq: number; resync: boolean } | null;

const PAGE = 5000;

function send(socket: LiveSocket, items: readonly FeedItem[], chunk: number): void {
	for (let i = 0; i < items.length; i += chunk) socket.emit('feed', items.slice(i, i + chunk));
}

async function ringHoldsAll(d: ResumeDeps, since: number): Promise<boolean> {
	if (!d.ring.covers(since)) return false;
	if (!d.peers) return true; // one process: everything committed went through this ring
	const upTo = d.ring.newest;
	return (
		upTo <= since ||
		(await feedCountBetween(d.database, since, upTo)) === d.ring.countBetween(since, upTo)
	);
}

/**
 * Sends the backlog of `code` after `since` (when given), then joins the
 * socket's rooms via `join` at a point where no live batch is in flight.
 * Returns the seq every item up to which the socket now has (null when
 * `current()` turned false: the socket left or subscribed again meanwhile).
 */
export async function catchUp(
	d: ResumeDeps,
	socket: LiveSocket,
	code: string,
	since: number | undefined,
	current: () => boolean,
	join: () => void
): Promise<CatchUp> {
	const chunk = d.settings.chunkSize;
	let sent = since ?? 0;
	let fromDb = false;
	let resync = false;
	if (since !== undefined && since > d.fanout.highWater && since > (await feedTop(d.database))) {
		// A position this feed never reached (another deployment, a restored database): start afresh.
		resync = true;
		sent = 0;
	} else if (since !== undefined && !(await ringHoldsAll(d, since))) {
		fromDb = true;
		// Read the top first: feed items commit in seq order (ingest and the overdue ticker share one
		// advisory lock), so every item up to it is visible to the page queries below.
		const top = await feedTop(d.database);
		for (let first = true; ; first = false) {
			const limit = first ? d.settings.resyncItems + 1 : PAGE;
			const page = await feedSince(d.database, code, sent, limit);
			if (!current()) return null;
			if (
				first &&
				page.length > d.settings.resyncItems &&
				page[0].loggedAt < d.now().getTime() - d.settings.resyncAgeMs
			) {
				resync = true;
				break;
			}
			send(
				socket,
				page.map((p) => p.item),
				chunk
			);
			if (page.length > 0) sent = page[page.length - 1].item.seq;
			if (page.length < limit) {
				sent = Math.max(sent, top);
				break;
			}
		}
	}
	return d.fanout.exclusive(async () => {
		if (!current()) return null;
		if (since !== undefined && !resync) {
			if (!d.ring.covers(sent)) {
				// The ring moved past step 1 meanwhile (thousands of items in a few ms): finish from the database.
				fromDb = true;
				for (
					let page = await feedSince(d.database, code, sent, PAGE);
					page.length > 0;
					page = await feedSince(d.database, code, sent, PAGE)
				) {
					send(
						socket,
						page.map((p) => p.item),
						chunk
					);
					sent = page[page.length - 1].item.seq;
				}
			}
			const rest = d.ring.after(sent, code);
			send(socket, rest, chunk);
			if (rest.length > 0) sent = rest[rest.length - 1].seq;
		}
		if (since !== undefined) {
			if (resync) d.stats.resyncs++;
			else if (fromDb) d.stats.resumesFromDb++;
			else d.stats.resumesFromRing++;
		}
		join();
		return { seq: Math.max(sent, d.fanout.highWater), resync };
	});
}
