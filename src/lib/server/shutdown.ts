/**
 * Stopping the process within 5 s whatever the peers do (SIGTERM from a
 * deploy, Docker kills after 10 s): stop accepting connections, let the
 * requests in flight finish — an ingest transaction commits or rolls back and
 * is answered, so a batch answered 200 is stored whole — then close the live
 * hub (it cuts websocket peers that do not answer the close handshake), cut
 * what connections remain, and close the database. Every step is bounded.
 *
 * Loaded by server.ts outside SvelteKit: relative imports only.
 */
import type { Server as HttpServer } from 'node:http';
import type { App } from './app.ts';
import { errorFields, logger } from './log.ts';

export type RequestTracker = { inFlight(): number; idle(timeoutMs: number): Promise<boolean> };

/** Counts the HTTP requests being answered; `idle` resolves true once none is, false after `timeoutMs`. */
export function trackRequests(server: HttpServer): RequestTracker {
	let n = 0;
	const waiters = new Set<() => void>();
	server.on('request', (_req, res) => {
		n++;
		res.once('close', () => {
			n--;
			if (n === 0) for (const wake of waiters) wake();
		});
	});
	return {
		inFlight: () => n,
		idle: (timeoutMs) =>
			new Promise<boolean>((resolve) => {
				if (n === 0) return resolve(true);
				const done = (idle: boolean) => {
					clearTimeout(timer);
					waiters.delete(wake);
					resolve(idle);
				};
				const wake = () => done(true);
				const timer = setTimeout(() => done(false), timeoutMs);
				waiters.add(wake);
			})
	};
}

export type StopOptions = {
	server: HttpServer;
	requests: RequestTracker;
	hub: { close(): Promise<void> } | null;
	app: App;
	/** Timers and feeds to stop first (the demo feed, the overdue ticker). */
	background: ({ stop(): void } | null | undefined)[];
	/** How long requests in flight may take to finish (default 3 s). */
	requestsGraceMs?: number;
};

const bounded = <T>(p: Promise<T>, ms: number) =>
	Promise.race([p, new Promise<void>((r) => setTimeout(r, ms).unref())]);

export async function gracefulStop(o: StopOptions): Promise<void> {
	const started = Date.now();
	for (const b of o.background) b?.stop();
	o.server.close();
	o.server.closeIdleConnections();
	const finished = await o.requests.idle(o.requestsGraceMs ?? 3000);
	if (!finished)
		logger.warn({ inFlight: o.requests.inFlight() }, 'shutdown: requests still running are cut');
	await bounded(
		(o.hub?.close() ?? Promise.resolve()).catch((err) =>
			logger.warn({ err: errorFields(err) }, 'shutdown: closing the live hub failed')
		),
		1000
	);
	o.server.closeAllConnections();
	await bounded(
		o.app
			.close()
			.catch((err) =>
				logger.warn({ err: errorFields(err) }, 'shutdown: closing the database failed')
			),
		700
	);
	logger.info({ ms: Date.now() - started }, 'shutdown: done');
}
