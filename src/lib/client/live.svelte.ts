/**
 * The browser's one live connection: socket.io on the same origin, reconnecting
 * with backoff and resuming with `since` so nothing is lost across a cut.
 * A refused or unanswered subscribe is retried while the socket stays up, and
 * the browser coming back online retries at once instead of waiting out the
 * backoff. `stop()` removes every listener and timer it made.
 */
import { io, type Socket } from 'socket.io-client';

import type {
	ClientToServerEvents,
	FeedItem,
	FiguresMessage,
	ServerToClientEvents,
	SubscribeAck
} from '../domain/feed.ts';

export type { FeedItem, FiguresMessage };

/** The socket as both ends agree on it (domain/feed.ts). */
type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type LiveOptions = {
	unit: string;
	since: number;
	period?: { from: string; to: string };
	metric?: string;
	token?: string;
	/** Longest wait between reconnection attempts (ms); 30 s by default. */
	reconnectionDelayMax?: number;
	onFeed: (items: FeedItem[]) => void;
	onFigures?: (msg: FiguresMessage) => void;
	onResync?: () => void;
	/** Called when the subscription becomes live (true) or the socket drops (false). */
	onStatus?: (connected: boolean) => void;
	/** Called when the server says it lost (false) or regained (true) its database; the socket stays up meanwhile. */
	onDatabase?: (up: boolean) => void;
};

/** How long a subscribe may go unanswered, and the wait before retrying a failed one. */
const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 5_000;

export class LiveConnection {
	connected = $state(false);
	lastSeq = $state(0);
	lastUpdate = $state<Date | null>(null);
	error = $state<string | null>(null);
	/** The server reaches its database (it says so when it does not, and when it does again). */
	databaseUp = $state(true);
	#socket: LiveSocket | null = null;
	#opts: LiveOptions;
	#retry: ReturnType<typeof setTimeout> | null = null;
	#onOnline = () => this.#kick();

	constructor(opts: LiveOptions) {
		this.#opts = opts;
		this.lastSeq = opts.since;
	}

	#setConnected(value: boolean): void {
		if (this.connected === value) return;
		this.connected = value;
		this.#opts.onStatus?.(value);
	}

	#setDatabase(up: boolean): void {
		if (this.databaseUp === up) return;
		this.databaseUp = up;
		this.#opts.onDatabase?.(up);
	}

	#subscribe(): void {
		const socket = this.#socket;
		if (!socket?.connected) return;
		const o = this.#opts;
		// Always resume from the seq the page was rendered at, also 0 (an empty feed): an event accepted between the
		// render and this subscribe is then replayed, not lost.
		socket
			.timeout(ACK_TIMEOUT_MS)
			.emit(
				'subscribe',
				{ unit: o.unit, since: this.lastSeq, period: o.period, metric: o.metric },
				(err: Error | null, ack: SubscribeAck) => {
					if (socket !== this.#socket) return;
					if (err || !ack?.ok) {
						this.error = err
							? 'no answer to subscribe'
							: ack && !ack.ok
								? ack.error
								: 'subscribe refused';
						this.#scheduleRetry();
						return;
					}
					this.error = null;
					this.lastUpdate = new Date();
					if (typeof ack.seq === 'number' && ack.seq > this.lastSeq) this.lastSeq = ack.seq;
					this.#setConnected(true);
					if (ack.resync) o.onResync?.();
				}
			);
	}

	#scheduleRetry(): void {
		if (this.#retry) clearTimeout(this.#retry);
		this.#retry = setTimeout(() => {
			this.#retry = null;
			this.#subscribe();
		}, RETRY_MS);
	}

	/** The network is back: try now rather than after the current backoff delay. */
	#kick(): void {
		const socket = this.#socket;
		if (!socket || socket.connected) return;
		socket.disconnect();
		socket.connect();
	}

	start(): void {
		const o = this.#opts;
		const socket: LiveSocket = io({
			transports: ['websocket'],
			auth: o.token ? { token: o.token } : undefined,
			reconnectionDelay: 1000,
			reconnectionDelayMax: o.reconnectionDelayMax ?? 30_000,
			randomizationFactor: 0.5
		});
		this.#socket = socket;
		socket.on('connect', () => {
			// A fresh connection: the server says at once if its database is away.
			this.#setDatabase(true);
			this.#subscribe();
		});
		socket.on('status', (msg) => this.#setDatabase(msg?.database !== 'down'));
		socket.on('disconnect', () => this.#setConnected(false));
		socket.on('connect_error', (err) => {
			this.#setConnected(false);
			this.error = err.message;
		});
		socket.on('feed', (items) => {
			const fresh = items.filter((i) => i.seq > this.lastSeq);
			if (fresh.length === 0) return;
			this.lastSeq = fresh[fresh.length - 1].seq;
			this.lastUpdate = new Date();
			o.onFeed(fresh);
		});
		socket.on('figures', (msg) => {
			this.lastUpdate = new Date();
			o.onFigures?.(msg);
		});
		if (typeof window !== 'undefined') window.addEventListener('online', this.#onOnline);
	}

	stop(): void {
		if (typeof window !== 'undefined') window.removeEventListener('online', this.#onOnline);
		if (this.#retry) clearTimeout(this.#retry);
		this.#retry = null;
		this.#socket?.removeAllListeners();
		this.#socket?.disconnect();
		this.#socket = null;
		this.connected = false;
	}
}
