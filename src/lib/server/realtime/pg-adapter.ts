/**
 * The socket.io Postgres adapter on its own `pg` connections (the app's
 * queries use the `postgres` driver): LISTEN/NOTIFY between app processes,
 * payloads over 8 kB through the `socket_io_attachments` table, created here
 * if needed.
 *
 * The adapter checks its LISTEN connection out of the pool it is given and
 * keeps it; that client had no 'error' listener, so a database restart
 * (57P01 "terminating connection due to administrator command") was an
 * unhandled 'error' event that killed the process, and the dead client was
 * never given back (after four restarts the pool had none left). Here the
 * adapter gets a pool whose `connect()` opens a dedicated client with an
 * error listener; ending it ends the client. The adapter reconnects on its
 * own ('end' → a new `connect()` every 1–3 s); `onListenLost` and
 * `onListenRestored` tell the hub, which then fetches what its peers
 * committed meanwhile from the stored feed.
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { logger } from '../log.ts';
import { countDbError } from '../metrics.ts';

export type PgAdapter = { factory: ReturnType<typeof createAdapter>; close(): Promise<void> };

export type ListenEvents = {
	/** The LISTEN connection ended (the database restarted or is away). */
	onListenLost?: () => void;
	/** LISTEN is in place again on a new connection. */
	onListenRestored?: () => void;
};

const log = logger.child({ component: 'realtime.adapter' });

function reportError(what: string, err: unknown): void {
	countDbError(err);
	log.warn(
		{ err: { message: (err as Error)?.message, code: (err as { code?: string })?.code } },
		what
	);
}

/** A dedicated client per `connect()`, as the adapter's LISTEN connection. */
function listenClient(
	url: string,
	events: ListenEvents,
	state: { lost: boolean; closed: boolean }
) {
	return async () => {
		const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
		client.on('error', (err) => reportError('LISTEN connection error', err));
		try {
			await client.connect();
		} catch (err) {
			reportError('LISTEN connection failed', err);
			throw err;
		}
		client.once('end', () => {
			if (state.closed) return;
			if (!state.lost) log.warn('LISTEN connection lost; reconnecting');
			state.lost = true;
			events.onListenLost?.();
		});
		const query = client.query.bind(client) as (text: string) => Promise<unknown>;
		// The adapter LISTENs right after connecting: once that succeeds on a new connection, fan-out is back.
		(client as unknown as { query: (text: string) => Promise<unknown> }).query = async (
			text: string
		) => {
			const result = await query(text);
			if (state.lost && /^LISTEN /.test(text)) {
				state.lost = false;
				log.info('LISTEN re-established');
				events.onListenRestored?.();
			}
			return result;
		};
		// The adapter gives its client back with release(); this one is not pooled: end it.
		(client as unknown as { release: () => void }).release = () =>
			void client.end().catch(() => {});
		return client;
	};
}

export async function openAdapter(url: string, events: ListenEvents = {}): Promise<PgAdapter> {
	const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 });
	pool.on('error', (err) => reportError('postgres adapter pool error', err));
	try {
		await pool.query(`
			create table if not exists socket_io_attachments (
				id          bigserial unique,
				created_at  timestamptz default now(),
				payload     bytea
			)`);
	} catch (err) {
		await pool.end();
		throw err;
	}
	const state = { lost: false, closed: false };
	const adapterPool = {
		connect: listenClient(url, events, state),
		query: (text: string, values?: unknown[]) => pool.query(text, values)
	};
	return {
		factory: createAdapter(adapterPool as unknown as pg.Pool, {
			errorHandler: (err) => reportError('postgres adapter error', err)
		}),
		close: async () => {
			state.closed = true;
			await pool.end();
		}
	};
}
