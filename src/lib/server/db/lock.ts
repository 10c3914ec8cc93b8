/**
 * The embedded database belongs to one process (docs/api.md#command-line): a lock file with
 * the holder's pid in DATA_DIR. A second process (the CLI while a server runs)
 * is refused instead of corrupting the files.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataDirLockedError extends Error {
	readonly pid: number;
	constructor(dir: string, pid: number) {
		super(
			`the embedded database in ${dir} is in use by another process (pid ${pid}); stop it first, or use DATABASE_URL`
		);
		this.pid = pid;
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Take the lock or throw DataDirLockedError; returns a release function (also run on exit). */
export function lockDataDir(dataDir: string): () => void {
	const dir = resolve(dataDir);
	mkdirSync(dir, { recursive: true });
	const file = join(dir, 'motcua.lock');
	let holder = NaN;
	try {
		holder = Number(readFileSync(file, 'utf8').trim());
	} catch {
		/* no lock yet */
	}
	if (Number.isInteger(holder) && holder !== process.pid && alive(holder))
		throw new DataDirLockedError(dir, holder);
	writeFileSync(file, String(process.pid));
	let released = false;
	const release = () => {
		if (released) return;
		released = true;
		try {
			if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
		} catch {
			/* already gone */
		}
	};
	process.once('exit', release);
	return release;
}
