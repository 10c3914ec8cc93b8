/**
 * The browser's one live connection: socket.io on the same origin, reconnecting
 * with backoff and resuming with `since` so nothing is lost across a cut.
 */
import { io, type Socket } from 'socket.io-client';

import type { FeedItem, FiguresMessage } from '../domain/feed.ts';

export type { FeedItem, FiguresMessage };

export type LiveOptions = {
	unit: string;
	since: number;
	period?: { from: string; to: string };
	metric?: string;
	token?: string;
	onFeed: (items: FeedItem[]) => void;
	onFigures?: (msg: FiguresMessage) => void;
	onResync?: () => void;
};

export class LiveConnection {
	connected = $state(false);
	lastSeq = $state(0);
	lastUpdate = $state<Date | null>(null);
	error = $state<string | null>(null);
	#socket: Socket | null = null;
	#opts: LiveOptions;

	constructor(opts: LiveOptions) {
		this.#opts = opts;
		this.lastSeq = opts.since;
	}

	start(): void {
		const o = this.#opts;
		const socket = io({
			transports: ['websocket'],
			auth: o.token ? { token: o.token } : undefined,
			reconnectionDelay: 1000,
			reconnectionDelayMax: 30_000,
			randomizationFactor: 0.5
		});
		this.#socket = socket;
		socket.on('connect', () => {
			socket.emit(
				'subscribe',
				{ unit: o.unit, since: this.lastSeq || undefined, period: o.period, metric: o.metric },
				(ack: { ok: boolean; seq?: number; resync?: boolean; error?: string }) => {
					if (!ack?.ok) {
						this.error = ack?.error ?? 'subscribe refused';
						return;
					}
					this.error = null;
					this.connected = true;
					this.lastUpdate = new Date();
					if (ack.resync) o.onResync?.();
					if (typeof ack.seq === 'number' && ack.seq > this.lastSeq) this.lastSeq = ack.seq;
				}
			);
		});
		socket.on('disconnect', () => (this.connected = false));
		socket.on('connect_error', (err) => {
			this.connected = false;
			this.error = err.message;
		});
		socket.on('feed', (items: FeedItem[]) => {
			const fresh = items.filter((i) => i.seq > this.lastSeq);
			if (fresh.length === 0) return;
			this.lastSeq = fresh[fresh.length - 1].seq;
			this.lastUpdate = new Date();
			o.onFeed(fresh);
		});
		socket.on('figures', (msg: FiguresMessage) => {
			this.lastUpdate = new Date();
			o.onFigures?.(msg);
		});
	}

	stop(): void {
		this.#socket?.removeAllListeners();
		this.#socket?.disconnect();
		this.#socket = null;
		this.connected = false;
	}
}
