/**
 * The live hub's wire shapes (docs/api.md#live), shared by the hub (server/realtime) and the browser
 * (client/live.svelte.ts): the items, the figures, and the socket.io event maps both ends are typed with.
 */
import type { Scoreboard } from './figures/scoreboard.ts';
import type { Summary } from './figures/summary.ts';
import type { RankingItem } from './ranking/rank.ts';

/** One feed item; `id` is the source event's id, null for `dossier.overdue` announcements. */
export type FeedItem = {
	seq: number;
	id: string | null;
	type: string;
	unit: string;
	dossier: string | null;
	at: string;
};

/** `figures`: a unit's summary (docs/api.md#summary) and its children's ranking (#rankings) for one period and metric. */
export type FiguresMessage = {
	unit: string;
	from: string;
	to: string;
	metric: string;
	/** The feed seq these figures include (everything up to it that reached this process). */
	seq: number;
	summary: Summary;
	rankings: RankingItem[];
	/** The scoreboard estimate (docs/domain.md#scoreboard) for the same unit and period (figures/scoreboard.ts). */
	scoreboard?: Scoreboard;
};

/** What `subscribe` asks: a unit, optionally a resume point, the period and metric of the figures pushed. */
export type SubscribeRequest = {
	unit: string;
	since?: number;
	period?: { from: string; to: string };
	metric?: string;
};

/** The acknowledgement of `subscribe`: the latest seq, and `resync` when `since` is older than the history kept. */
export type SubscribeAck = { ok: true; seq: number; resync?: true } | { ok: false; error: string };

/** Whether the server's process reaches its database (sent on every change, and at connect while it is down). */
export type DatabaseStatus = { database: 'up' | 'down'; since: string };

export type ServerToClientEvents = {
	feed: (items: FeedItem[]) => void;
	figures: (msg: FiguresMessage) => void;
	/** Sent just before the server cuts a socket whose credential was revoked or expired. */
	revoked: (msg: { error: string }) => void;
	status: (msg: DatabaseStatus) => void;
};

/**
 * As the browser sends them. The server declares its side with `unknown` payloads (ServerClientEvents in
 * server/realtime/types.ts): clients are untrusted, what they send is validated and the ack may be missing.
 */
export type ClientToServerEvents = {
	subscribe: (msg: SubscribeRequest, ack: (ack: SubscribeAck) => void) => void;
	unsubscribe: (msg?: { unit?: string }, ack?: (ack: { ok: boolean }) => void) => void;
};
