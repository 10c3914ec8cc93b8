/**
 * The running application: its database and the listeners of accepted events.
 * One instance per process, shared between server.ts / the Vite plugin and the
 * SvelteKit bundle through a globalThis slot (never two PGlite instances).
 */
import type { AcceptedItem } from './ingest/ingest.ts';
import type { DossierState } from '../domain/dossier/state.ts';
import { openDatabase, type Database } from './db/index.ts';
import { DataDirLockedError, lockDataDir } from './db/lock.ts';
import { errorFields, logger } from './log.ts';

/** Feed items after a commit: accepted events, or `dossier.overdue` announcements (id null). */
export type FeedItem = Omit<AcceptedItem, 'id'> & { id: string | null };
export type AcceptedBatch = {
	items: FeedItem[];
	dossiers: DossierState[];
	/** When the batch committed (epoch ms; stamped by notifyAccepted): the fan-out latency is measured from it. */
	committedAt?: number;
};

export type App = {
	database: Database;
	now: () => Date;
	/** Called after each committed ingest batch (the realtime hub subscribes here). */
	accepted: Set<(batch: AcceptedBatch) => void>;
	close(): Promise<void>;
};

const SLOT = Symbol.for('motcua-live.app');
type Slot = { [SLOT]?: Promise<App> };

export function createApp(database: Database, release?: () => void): App {
	return {
		database,
		now: () => new Date(),
		accepted: new Set(),
		async close() {
			await database.close();
			release?.();
		}
	};
}

export async function createAppFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<App> {
	if (env.DATABASE_URL) return createApp(await openDatabase({ url: env.DATABASE_URL }));
	const dataDir = env.DATA_DIR || './data';
	const release = lockDataDir(dataDir);
	try {
		return createApp(await openDatabase({ dataDir }), release);
	} catch (err) {
		release();
		throw err;
	}
}

/**
 * For the server and the CLI: the app from the environment, or null after
 * saying why on stderr when the embedded database is held by another process.
 */
export async function createAppOrExplain(
	env: NodeJS.ProcessEnv = process.env
): Promise<App | null> {
	try {
		return await createAppFromEnv(env);
	} catch (err) {
		if (!(err instanceof DataDirLockedError)) throw err;
		console.error(`error: ${err.message}`);
		return null;
	}
}

export function setApp(app: App | Promise<App>): void {
	(globalThis as Slot)[SLOT] = Promise.resolve(app);
}

export function getApp(): Promise<App> {
	const slot = globalThis as Slot;
	return (slot[SLOT] ??= createAppFromEnv());
}

/** Call right after a write committed: every listener (the live hub) hears the batch. */
export function notifyAccepted(app: App, batch: AcceptedBatch): void {
	const stamped = { ...batch, committedAt: batch.committedAt ?? Date.now() };
	for (const listener of app.accepted) {
		try {
			listener(stamped);
		} catch (err) {
			logger.error({ err: errorFields(err) }, 'accepted-event listener failed');
		}
	}
}
