/**
 * Reloading a screen that nobody watches: only when the server answers the
 * page itself (a reload into a 5xx or a refused connection would leave an
 * error on the wall), else try again later. Used once a day at a quiet hour
 * and when a new version of the app has been deployed.
 */

/** The quiet hour (Asia/Ho_Chi_Minh) for the daily reload. */
export const QUIET_HOUR = 3;
const RETRY_MS = 30_000;
const hourFmt = new Intl.DateTimeFormat('en-GB', {
	hour: '2-digit',
	hour12: false,
	timeZone: 'Asia/Ho_Chi_Minh'
});
const dayFmt = new Intl.DateTimeFormat('en-CA', {
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	timeZone: 'Asia/Ho_Chi_Minh'
});

/** Due once the local calendar day has changed since the page loaded and the quiet hour has come (also after a sleep through it). */
export function dailyReloadDue(loadedAt: Date, now: Date, hour = QUIET_HOUR): boolean {
	return dayFmt.format(now) > dayFmt.format(loadedAt) && Number(hourFmt.format(now)) % 24 >= hour;
}

export class Reloader {
	#timer: ReturnType<typeof setTimeout> | null = null;
	#busy = false;
	#stopped = false;
	#reload: () => void;

	constructor(reload: () => void = () => location.reload()) {
		this.#reload = reload;
	}

	/** Reload as soon as the page answers 200. */
	request(): void {
		if (this.#busy || this.#stopped) return;
		this.#busy = true;
		void this.#attempt();
	}

	async #attempt(): Promise<void> {
		this.#timer = null;
		let ok = false;
		try {
			const r = await fetch(location.href, { cache: 'no-store', headers: { accept: 'text/html' } });
			ok = r.ok;
		} catch {
			ok = false;
		}
		if (this.#stopped) return;
		if (ok) this.#reload();
		else this.#timer = setTimeout(() => void this.#attempt(), RETRY_MS);
	}

	stop(): void {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}
