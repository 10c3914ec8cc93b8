/**
 * The socket.io Postgres adapter on its own `pg` pool (the app's queries use
 * the `postgres` driver): LISTEN/NOTIFY between app processes, payloads over
 * 8 kB through the `socket_io_attachments` table, created here if needed.
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';

export type PgAdapter = { factory: ReturnType<typeof createAdapter>; close(): Promise<void> };

export async function openAdapter(url: string): Promise<PgAdapter> {
	const pool = new pg.Pool({ connectionString: url, max: 4 });
	pool.on('error', (err) => console.error('realtime: postgres adapter pool error', err));
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
	return {
		factory: createAdapter(pool, { errorHandler: (err) => console.error('realtime: postgres adapter error', err) }),
		close: () => pool.end()
	};
}
