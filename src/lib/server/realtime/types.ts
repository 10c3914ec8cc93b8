/**
 * What the live hub sends and the knobs it runs with (docs/api.md#live).
 * Everything under realtime/ is loaded outside SvelteKit (server.ts, the Vite
 * plugin): relative imports with `.ts`, `process.env`, no `$lib`/`$env`.
 */
import type { Server, Socket } from 'socket.io';
import type {
	DatabaseStatus,
	FeedItem,
	FiguresMessage,
	ServerToClientEvents,
	SubscribeAck
} from '../../domain/feed.ts';
import type { Principal } from '../auth/roles.ts';
import type { Metric } from '../../domain/figures/metrics.ts';
import type { UnitInfo } from '../queries/units.ts';

export type { DatabaseStatus, FeedItem, FiguresMessage, ServerToClientEvents, SubscribeAck };

/** A feed item with the codes of its unit's ancestors (root … unit itself), as it travels inside the hub. */
export type RoutedItem = { item: FeedItem; ancestors: string[]; loggedAt: number };

export type HubOptions = {
	/** postgres:// URL for the socket.io Postgres adapter; default `process.env.DATABASE_URL`; null forces the in-memory adapter. */
	adapterUrl?: string | null;
	/** Figures are pushed at most once per this many ms per room (default 250). */
	figuresIntervalMs?: number;
	/** … and a room less often when one push (message bytes × its sockets) would pass this many bytes a second (default 4 MB), … */
	figuresBytesPerSecond?: number;
	/** … but at least every this many ms (default 2,000). */
	figuresMaxIntervalMs?: number;
	/** How many newest items the in-memory ring keeps (default 5,000). */
	ringSize?: number;
	/** A resume is refused (`resync: true`) only when its backlog exceeds this many items … (default 10,000) */
	resyncItems?: number;
	/** … and its first missed item was logged longer ago than this (default 24 h). */
	resyncAgeMs?: number;
	/** Feed items per `feed` message (default 500). */
	chunkSize?: number;
	/** engine.io: leave upgrade requests of other paths alone (the Vite dev server's HMR socket shares the server). */
	destroyUpgrade?: boolean;
	/** Connected sockets' credentials are checked again this often (default 30 s): a revoked key, a logout or a disabled user cuts them. */
	recheckMs?: number;
};

export type HubSettings = Required<Omit<HubOptions, 'adapterUrl'>> & { adapterUrl: string | null };

export function hubSettings(o: HubOptions = {}): HubSettings {
	return {
		adapterUrl: o.adapterUrl === undefined ? process.env.DATABASE_URL || null : o.adapterUrl,
		figuresIntervalMs: o.figuresIntervalMs ?? 250,
		figuresBytesPerSecond: o.figuresBytesPerSecond ?? 4 * 1024 * 1024,
		figuresMaxIntervalMs: o.figuresMaxIntervalMs ?? 2000,
		ringSize: o.ringSize ?? 5000,
		resyncItems: o.resyncItems ?? 10_000,
		resyncAgeMs: o.resyncAgeMs ?? 24 * 3_600_000,
		chunkSize: o.chunkSize ?? 500,
		destroyUpgrade: o.destroyUpgrade ?? true,
		recheckMs: o.recheckMs ?? 30_000
	};
}

/** Room of every socket subscribed to a unit (it receives the unit's subtree feed). */
export function unitRoom(code: string): string {
	return `unit:${code}`;
}

/** Counters a test or an operator can read. */
export type HubStats = {
	resumesFromRing: number;
	resumesFromDb: number;
	resyncs: number;
	figuresEmitted: number;
};

/** A batch committed on one app process, passed to the others (socket.io inter-server events through the adapter). */
export type PeerBatch = {
	items: FeedItem[];
	ancestors: Record<string, string[]>;
	committedAt?: number;
};

/** The browser's events as the server receives them (domain/feed.ts has the browser's typed view): clients are untrusted, payloads are validated, the acknowledgement may be missing. */
export type ClientToServerEvents = {
	subscribe: (msg: unknown, ack?: unknown) => void;
	unsubscribe: (msg?: unknown, ack?: unknown) => void;
};

export const PEER_FEED = 'motcua:feed';
export type InterServerEvents = { [PEER_FEED]: (batch: PeerBatch) => void };

export type SocketData = {
	principal: Principal;
	generation: number;
	subscription: Subscription | null;
};

/** What one socket is subscribed to: a unit, and the period and metric of its figures (`period` null = today, local, re-evaluated at every push). */
export type Subscription = {
	unit: UnitInfo;
	period: { from: string; to: string } | null;
	metric: Metric;
};

export type LiveServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;
export type LiveSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;
