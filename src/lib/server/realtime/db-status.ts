/**
 * Whether the database answers, as this process sees it: probed every two
 * seconds (`select 1`, two seconds at most). A change is pushed to every
 * socket on this process as `status {database: 'up' | 'down', since}`, and a
 * socket that connects while it is down is told at once, so open pages say
 * "database unreachable" instead of silently showing figures that no longer
 * move. Sockets stay connected throughout.
 */
import type { Database } from '../db/index.ts';
import { logger } from '../log.ts';
import { metrics } from '../metrics.ts';
import { ping } from '../queries/meta.ts';
import type { LiveServer, LiveSocket } from './types.ts';

export type DatabaseStatus = { database: 'up' | 'down'; since: string };

const PROBE_TIMEOUT_MS = 2000;

async function probe(database: Database): Promise<boolean> {
	try {
		await ping(database, PROBE_TIMEOUT_MS);
		return true;
	} catch {
		return false;
	}
}

export type DatabaseWatch = {
	current(): DatabaseStatus;
	greet(socket: LiveSocket): void;
	close(): void;
};

export function watchDatabase(
	io: LiveServer,
	database: Database,
	everyMs = 2000,
	onChange?: (s: DatabaseStatus) => void
): DatabaseWatch {
	let status: DatabaseStatus = { database: 'up', since: new Date().toISOString() };
	metrics.databaseUp.set(1);
	let running = false;
	let closed = false;
	const timer = setInterval(async () => {
		if (running || closed) return;
		running = true;
		const up = await probe(database);
		running = false;
		if (closed || up === (status.database === 'up')) return;
		status = { database: up ? 'up' : 'down', since: new Date().toISOString() };
		metrics.databaseUp.set(up ? 1 : 0);
		if (up) logger.info('database reachable again');
		else logger.warn('database unreachable');
		io.local.emit('status', status);
		onChange?.(status);
	}, everyMs);
	timer.unref();
	return {
		current: () => status,
		greet: (socket) => {
			if (status.database === 'down') socket.emit('status', status);
		},
		close: () => {
			closed = true;
			clearInterval(timer);
		}
	};
}
