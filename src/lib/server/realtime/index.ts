/**
 * The live hub (docs/api.md#live, docs/architecture.md#the-live-path): socket.io on the app's HTTP server, default
 * path. After every committed ingest batch (`app.accepted`) the feed goes out
 * at once to the rooms of each item's unit and ancestors; figures follow,
 * coalesced. With DATABASE_URL, app processes share one PostgreSQL through
 * `@socket.io/postgres-adapter` and pass their batches to each other, so
 * every process serves every subscriber; with PGlite (one process) the
 * default in-memory adapter is used. A database restart is survived: sockets
 * stay connected and are told the database is away (`status`), LISTEN comes
 * back by itself and what peers committed meanwhile is read from the stored
 * feed (gap-fill.ts). `close()` ends within about a second whatever the peers
 * do: a connection that does not answer the close handshake (a cut cable) is
 * destroyed instead of waited for (ws would wait 30 s).
 *
 * Loaded outside SvelteKit (server.ts, vite-plugin.ts): relative imports only.
 */
import type { Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server } from 'socket.io';
import { metrics } from '../metrics.ts';
import type { AcceptedBatch, App } from '../app.ts';
import { AncestorCache } from './ancestors.ts';
import { authMiddleware } from './auth.ts';
import { Coalescer } from './coalesce.ts';
import { watchDatabase } from './db-status.ts';
import { GapFill } from './gap-fill.ts';
import { Fanout } from './fanout.ts';
import { feedTop } from '../queries/feed-log.ts';
import { Pending } from './pending.ts';
import { startRecheck } from './recheck.ts';
import { openAdapter } from './pg-adapter.ts';
import { FeedRing } from './ring.ts';
import { handleSubscriptions } from './rooms.ts';
import { clearIo, setIo } from './slot.ts';
import { Subscribers } from './subscribers.ts';
import {
	hubSettings,
	PEER_FEED,
	type HubOptions,
	type HubStats,
	type LiveServer
} from './types.ts';

export { getIo } from './slot.ts';
export type { FeedItem, FiguresMessage, HubOptions, HubStats, SubscribeAck } from './types.ts';

export type Hub = { io: LiveServer; stats: HubStats; close(): Promise<void> };

/** How long closing waits for peers to answer the close handshake before cutting their connections. */
const CLOSE_GRACE_MS = 500;

export async function attachRealtime(
	server: HttpServer,
	app: App,
	options: HubOptions = {}
): Promise<Hub> {
	const settings = hubSettings(options);
	const stats: HubStats = { resumesFromRing: 0, resumesFromDb: 0, resyncs: 0, figuresEmitted: 0 };
	const pending = new Pending();
	let gaps: GapFill | null = null;
	const adapter = settings.adapterUrl
		? await openAdapter(settings.adapterUrl, {
				onListenLost: () => gaps?.lost(),
				onListenRestored: () => void gaps?.restored()
			})
		: null;

	// Listen first, then read the top: a batch committed in between is still fanned out, and the ring starts at the top.
	let fanout: Fanout | null = null;
	const early: AcceptedBatch[] = [];
	const listener = (batch: AcceptedBatch) =>
		fanout ? fanout.local(batch.items, batch.committedAt) : early.push(batch);
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
	const coalescer = new Coalescer({
		io,
		app,
		subscribers,
		seq,
		intervalMs: settings.figuresIntervalMs,
		budget: {
			bytesPerSecond: settings.figuresBytesPerSecond,
			maxMs: settings.figuresMaxIntervalMs
		},
		stats,
		pending
	});
	const ancestors = new AncestorCache(app.database);
	const fan = new Fanout(
		{
			io,
			ring,
			ancestors,
			peers,
			chunkSize: settings.chunkSize,
			moved: (codes) => coalescer.mark(codes)
		},
		top
	);
	const deps = {
		database: app.database,
		ring,
		fanout: fan,
		settings,
		stats,
		peers,
		now: () => app.now(),
		subscribers,
		coalescer,
		pending
	};
	const dbWatch = watchDatabase(io, app.database);
	gaps = new GapFill({ database: app.database, ring, fanout: fan });
	io.use(authMiddleware(app.database));
	io.on('connection', (socket) => {
		metrics.socketsConnected.inc();
		socket.once('disconnect', () => metrics.socketsConnected.dec());
		dbWatch.greet(socket);
		handleSubscriptions(deps, socket);
	});
	io.on(PEER_FEED, (batch) => fan.remote(batch));
	fanout = fan;
	for (const batch of early.splice(0)) fan.local(batch.items, batch.committedAt);
	coalescer.start();
	const stopRecheck = startRecheck(io, app.database, settings.recheckMs);
	setIo(io);

	// The raw connections of upgraded (websocket) requests: closing cuts the ones still open after the grace period.
	const upgraded = new Set<Duplex>();
	const onUpgrade = (_req: unknown, socket: Duplex) => {
		upgraded.add(socket);
		socket.once('close', () => upgraded.delete(socket));
	};
	server.on('upgrade', onUpgrade);

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
			dbWatch.close();
			gaps?.close();
			clearIo(io);
			// Sockets are told and the server stops listening; a peer that does not answer is cut after the grace period.
			const closing = io.close();
			await Promise.race([closing, new Promise((r) => setTimeout(r, CLOSE_GRACE_MS).unref())]);
			for (const socket of upgraded) socket.destroy();
			server.off('upgrade', onUpgrade);
			await closing;
			// Let running subscribes, figure queries and queued batches finish before the pool goes.
			await pending.drain();
			await fan.exclusive(() => {});
			await adapter?.close();
		}
	};
}
