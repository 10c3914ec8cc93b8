/**
 * The live hub (CONTRACT §6): socket.io on the app's HTTP server, default
 * path. After every committed ingest batch (`app.accepted`) the feed goes out
 * at once to the rooms of each item's unit and ancestors; figures follow,
 * coalesced. With DATABASE_URL, app processes share one PostgreSQL through
 * `@socket.io/postgres-adapter` and pass their batches to each other, so
 * every process serves every subscriber; with PGlite (one process) the
 * default in-memory adapter is used.
 *
 * Loaded outside SvelteKit (server.ts, vite-plugin.ts): relative imports only.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AcceptedBatch, App } from '../app.ts';
import { AncestorCache } from './ancestors.ts';
import { authMiddleware } from './auth.ts';
import { Coalescer } from './coalesce.ts';
import { Fanout } from './fanout.ts';
import { feedTop } from './history.ts';
import { Pending } from './pending.ts';
import { startRecheck } from './recheck.ts';
import { openAdapter } from './pg-adapter.ts';
import { FeedRing } from './ring.ts';
import { handleSubscriptions } from './rooms.ts';
import { clearIo, setIo } from './slot.ts';
import { Subscribers } from './subscribers.ts';
import { hubSettings, PEER_FEED, type HubOptions, type HubStats, type LiveServer } from './types.ts';

export { getIo } from './slot.ts';
export type { FeedItem, FiguresMessage, HubOptions, HubStats, SubscribeAck } from './types.ts';

export type Hub = { io: LiveServer; stats: HubStats; close(): Promise<void> };

export async function attachRealtime(server: HttpServer, app: App, options: HubOptions = {}): Promise<Hub> {
	const settings = hubSettings(options);
	const stats: HubStats = { resumesFromRing: 0, resumesFromDb: 0, resyncs: 0, figuresEmitted: 0 };
	const pending = new Pending();
	const adapter = settings.adapterUrl ? await openAdapter(settings.adapterUrl) : null;

	// Listen first, then read the top: a batch committed in between is still fanned out, and the ring starts at the top.
	let fanout: Fanout | null = null;
	const early: AcceptedBatch[] = [];
	const listener = (batch: AcceptedBatch) => (fanout ? fanout.local(batch.items) : early.push(batch));
	app.accepted.add(listener);
	let top: number;
	try {
		top = await feedTop(app.database);
	} catch (err) {
		app.accepted.delete(listener);
		await adapter?.close();
		throw err;
	}

	// From here on, synchronous: the server may already be listening (Vite), so no socket gets in before the auth middleware.
	const io: LiveServer = new Server(server, {
		serveClient: false,
		destroyUpgrade: settings.destroyUpgrade,
		...(adapter ? { adapter: adapter.factory } : {})
	});
	const peers = adapter !== null;
	const subscribers = new Subscribers();
	const ring = new FeedRing(settings.ringSize, top);
	const seq = () => fan.highWater;
	const coalescer = new Coalescer({ io, app, subscribers, seq, intervalMs: settings.figuresIntervalMs, stats, pending });
	const ancestors = new AncestorCache(app.database);
	const fan = new Fanout({ io, ring, ancestors, peers, chunkSize: settings.chunkSize, moved: (codes) => coalescer.mark(codes) }, top);
	const deps = { database: app.database, ring, fanout: fan, settings, stats, peers, now: () => app.now(), subscribers, coalescer, pending };
	io.use(authMiddleware(app.database));
	io.on('connection', (socket) => handleSubscriptions(deps, socket));
	io.on(PEER_FEED, (batch) => fan.remote(batch));
	fanout = fan;
	for (const batch of early.splice(0)) fan.local(batch.items);
	coalescer.start();
	const stopRecheck = startRecheck(io, app.database, settings.recheckMs);
	setIo(io);

	let closed = false;
	return {
		io,
		stats,
		async close() {
			if (closed) return;
			closed = true;
			app.accepted.delete(listener);
			coalescer.stop();
			stopRecheck();
			clearIo(io);
			await io.close();
			// Let running subscribes, figure queries and queued batches finish before the pool goes.
			await pending.drain();
			await fan.exclusive(() => {});
			await adapter?.close();
		}
	};
}
