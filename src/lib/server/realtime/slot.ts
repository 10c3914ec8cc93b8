/**
 * The one running socket.io server, shared with SvelteKit code (which is
 * bundled separately) through a globalThis slot instead of being re-created.
 */
import type { LiveServer } from './types.ts';

export const IO_SLOT = Symbol.for('motcua-live.io');
type Slot = { [IO_SLOT]?: LiveServer };

export function setIo(io: LiveServer): void {
	(globalThis as Slot)[IO_SLOT] = io;
}

/** Clears the slot if it still holds `io` (a newer hub may already own it). */
export function clearIo(io: LiveServer): void {
	const slot = globalThis as Slot;
	if (slot[IO_SLOT] === io) delete slot[IO_SLOT];
}

/** The running socket.io server, or null when no hub is attached (tests, CLI). */
export function getIo(): LiveServer | null {
	return (globalThis as Slot)[IO_SLOT] ?? null;
}
