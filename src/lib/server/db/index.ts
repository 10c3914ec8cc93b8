/**
 * One database interface over two back-ends: PostgreSQL through the `postgres`
 * driver when a URL is given, otherwise embedded PostgreSQL (PGlite) under a
 * data directory (or in memory). Migrations from /drizzle are applied on open.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { withReconnectRetry } from './reconnect.ts';
import * as schema from './schema.ts';

/** drizzle's dialect, to name a statement's text only when a retry must decide on it. */
type SqlText = { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } };

/** A postgres.js transaction as drizzle holds it: its dialect and the driver's own client. */
type DriverTx = SqlText & {
	session: {
		client: { unsafe(text: string, params: unknown[], o: { prepare: boolean }): Promise<unknown> };
	};
};

const pipelinedTxs = new WeakSet<object>();

/**
 * Sends the statements of this transaction as named prepared statements (PostgreSQL only; PGlite has no
 * wire to wait on). postgres.js sends an unnamed statement that has parameters as Parse and Describe
 * first, waits for the reply before Bind and Execute, and holds every later statement of the transaction
 * back meanwhile; a prepared one goes out at once, behind the others. So the statements the ingest
 * sends ahead (project.ts) run while the fold is computed here instead of after it (docs/scaling.md).
 * Only for transactions whose statements have fixed texts: each distinct text is kept per connection.
 */
export function pipelined(tx: Db): void {
	pipelinedTxs.add(tx);
}

function preparedStatement(tx: Db, q: SQL): Promise<unknown> {
	const t = tx as unknown as DriverTx;
	const { sql: text, params } = t.dialect.sqlToQuery(q);
	return t.session.client.unsafe(text, params, { prepare: true });
}

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
	kind: 'pglite' | 'postgres';
	db: Db;
	/** Run raw SQL and get plain rows, whichever the back-end. */
	rows<T = Record<string, unknown>>(query: SQL, tx?: Db): Promise<T[]>;
	close(): Promise<void>;
};

export type OpenOptions = { url?: string; dataDir?: string; memory?: boolean; migrate?: boolean };

/** The folder holding drizzle's migrations: found upwards from this module (works from src/ and build/). */
export function migrationsFolder(): string {
	if (process.env.MIGRATIONS_DIR) return resolve(process.env.MIGRATIONS_DIR);
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 8; i++) {
		if (existsSync(join(dir, 'drizzle', 'meta', '_journal.json'))) return join(dir, 'drizzle');
		dir = dirname(dir);
	}
	const cwd = resolve('drizzle');
	if (existsSync(join(cwd, 'meta', '_journal.json'))) return cwd;
	throw new Error('migrations folder "drizzle/" not found; set MIGRATIONS_DIR');
}

function normaliseRows<T>(result: unknown): T[] {
	if (Array.isArray(result)) return result as T[];
	return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
	let database: Database;
	if (opts.url) {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		// fetch_types off: postgres.js runs its array-type catalog query on every new connection and drops that
		// promise, so a connection cut during it (a restart) was an unhandled rejection (porsager/postgres#1192,
		// #1223). Nothing here needs it: drizzle parses array columns itself and raw reads come back as JSON.
		// backoff: postgres.js waits before reconnecting, 3^retries / 100 s up to 20 s by default; the retries pile up
		// while the database is away, so after a restart queries sat out up to 20 s. Capped at 1 s: writes resume at once.
		const client = postgres(opts.url, {
			max: 10,
			onnotice: () => {},
			connect_timeout: 5,
			fetch_types: false,
			// No JIT: our statements are short index work, and with missing statistics (autovacuum off) a
			// big cost estimate made PostgreSQL compile a 23 ms batch read for 165 ms (docs/scaling.md).
			connection: { jit: 'off' },
			backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1)
		});
		const db = drizzle(client, { schema }) as unknown as Db;
		database = {
			kind: 'postgres',
			db,
			// Outside a transaction a statement that met a dead pooled connection gets one more try (reconnect.ts).
			rows: async (q, tx) =>
				normaliseRows(
					tx
						? pipelinedTxs.has(tx)
							? await preparedStatement(tx, q)
							: await tx.execute(q)
						: await withReconnectRetry(
								() => db.execute(q),
								() => (db as unknown as SqlText).dialect.sqlToQuery(q).sql
							)
				),
			close: () => client.end({ timeout: 1 })
		};
		if (opts.migrate !== false) {
			const { migrate } = await import('drizzle-orm/postgres-js/migrator');
			await migrate(db as never, { migrationsFolder: migrationsFolder() });
		}
	} else {
		const { PGlite } = await import('@electric-sql/pglite');
		const { drizzle } = await import('drizzle-orm/pglite');
		let client;
		if (opts.memory) client = new PGlite();
		else {
			const dataDir = resolve(opts.dataDir ?? 'data', 'pglite');
			mkdirSync(dataDir, { recursive: true });
			client = new PGlite(dataDir);
		}
		await client.waitReady;
		const db = drizzle(client, { schema }) as unknown as Db;
		database = {
			kind: 'pglite',
			db,
			rows: async (q, tx) => normaliseRows(await (tx ?? db).execute(q)),
			close: () => client.close()
		};
		if (opts.migrate !== false) {
			const { migrate } = await import('drizzle-orm/pglite/migrator');
			await migrate(db as never, { migrationsFolder: migrationsFolder() });
		}
	}
	return database;
}
