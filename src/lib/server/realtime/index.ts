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
	const adapter = settings.adapterUrl ? await openAdapter(settings.adapterUrl) : null;
	const io: LiveServer = new Server(server, {
		serveClient: false,
		destroyUpgrade: settings.destroyUpgrade,
		...(adapter ? { adapter: adapter.factory } : {})
	});
	const peers = adapter !== null;
	const stats: HubStats = { resumesFromRing: 0, resumesFromDb: 0, resyncs: 0, figuresEmitted: 0 };

	// Listen first, then read the top: a batch committed in between is fanned out, and the ring starts above it.
	const early: AcceptedBatch[] = [];
	let fanout: Fanout | null = null;
	const listener = (batch: AcceptedBatch) => {
		if (fanout) fanout.local(batch.items);
		else early.push(batch);
	};
	app.accepted.add(listener);

	try {
		const top = await feedTop(app.database);
		const subscribers = new Subscribers();
		const ring = new FeedRing(settings.ringSize, top);
		let coalescer: Coalescer | null = null;
		const fan = new Fanout(
			{ io, ring, ancestors: new AncestorCache(app.database), peers, chunkSize: settings.chunkSize, moved: (codes) => coalescer?.mark(codes) },
			top
		);
		fanout = fan;
		coalescer = new Coalescer({ io, app, subscribers, seq: () => fan.highWater, intervalMs: settings.figuresIntervalMs, stats });
		for (const batch of early.splice(0)) fan.local(batch.items);

		io.use(authMiddleware(app.database));
		const deps = { database: app.database, ring, fanout: fan, settings, stats, peers, now: app.now, subscribers, coalescer };
		io.on('connection', (socket) => handleSubscriptions(deps, socket));
		io.on(PEER_FEED, (batch) => fan.remote(batch));
		coalescer.start();
		setIo(io);

		let closed = false;
		const stopCoalescer = coalescer;
		return {
			io,
			stats,
			async close() {
				if (closed) return;
				closed = true;
				app.accepted.delete(listener);
				stopCoalescer.stop();
				clearIo(io);
				await io.close();
				await adapter?.close();
			}
		};
	} catch (err) {
		app.accepted.delete(listener);
		await io.close();
		await adapter?.close();
		throw err;
	}
}
