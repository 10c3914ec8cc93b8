/**
 * Credentials are checked when a socket connects, and again periodically: a
 * key revoked by an admin, a session ended by logout, password change or a
 * disabled user cuts the sockets that rode on it (the client then meets the
 * refusal on its reconnect). One check per distinct credential per round.
 */
import type { Database } from '../db/index.ts';
import { authenticate } from './auth.ts';
import type { LiveServer, LiveSocket } from './types.ts';
import { errorFields, logger } from '../log.ts';

/** Checks this process's sockets once; returns how many were disconnected. */
export async function recheckSockets(io: LiveServer, database: Database): Promise<number> {
	const groups = new Map<string, LiveSocket[]>();
	for (const socket of io.of('/').sockets.values()) {
		const p = socket.data.principal;
		if (!p) continue;
		const id = p.kind === 'key' ? `key:${p.id}` : `session:${p.sessionId}`;
		const list = groups.get(id);
		if (list) list.push(socket);
		else groups.set(id, [socket]);
	}
	let cut = 0;
	for (const sockets of groups.values()) {
		let refused = false;
		try {
			await authenticate(database, sockets[0].handshake);
		} catch (err) {
			// A refusal carries a code; anything else (database down) is not a reason to cut anyone.
			refused = Boolean((err as { data?: { code?: string } }).data?.code);
		}
		if (!refused) continue;
		for (const s of sockets) {
			s.emit('revoked', { error: 'credential revoked or expired' });
			s.disconnect(true);
			cut++;
		}
	}
	return cut;
}

export function startRecheck(io: LiveServer, database: Database, everyMs: number): () => void {
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		recheckSockets(io, database)
			.catch((err) => logger.warn({ err: errorFields(err) }, 'realtime: credential recheck failed'))
			.finally(() => (running = false));
	}, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
