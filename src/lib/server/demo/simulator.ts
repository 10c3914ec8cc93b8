/**
 * The live demo feed. Every 100–500 ms during office hours (working days,
 * 07:30–17:00 Asia/Ho_Chi_Minh) it sends about `rate` events per second
 * (DEMO_RATE, default 2) through the ingest service and announces them to
 * live listeners, like any one-door system would. Outside office hours it
 * still sends a slow trickle — one event every 5–10 s (online receipts on
 * working-day evenings; ratings and PAKN on days off) — so that the demo
 * looks alive whenever someone runs it.
 *
 * Its pools start from the database (the province's pending demo dossiers,
 * and dossiers resolved in the last three days not yet returned or rated) and
 * are then kept in memory. Errors are logged (at most once a minute) and the
 * feed carries on; `stop()` clears the timer.
 */
import type { App } from '../app.ts';
import { localDayNumber, yymmdd, type WorkDays } from './clock.ts';
import { ingestDemo } from './history.ts';
import type { Channel } from './lifecycle.ts';
import { createLiveState, liveAction, liveMode } from './live.ts';
import type { UnitProfile } from './profiles.ts';
import { lastLiveNumber, pendingDossiers, recentlyResolved } from '../queries/demo.ts';
import { createRng, hashSeed } from './rng.ts';

export type SimulatorOptions = {
	app: App;
	provinceCode: string;
	profiles: UnitProfile[];
	work: WorkDays;
	/** Events per second in office hours. */
	rate: number;
	log: (line: string) => void;
};

export type Simulator = { stop(): void; readonly sent: number; readonly pending: number };

/** Never more than this many events in one batch, whatever the rate. */
const MAX_PER_TICK = 1000;
const ERROR_LOG_MS = 60_000;

export async function startSimulator(o: SimulatorOptions): Promise<Simulator> {
	const { app, work } = o;
	const now = app.now();
	const rng = createRng(hashSeed('live', now.getTime()));
	const today = yymmdd(localDayNumber(now));
	const state = createLiveState(
		rng,
		work,
		o.profiles,
		today,
		await lastLiveNumber(app.database, today)
	);
	for (const d of await pendingDossiers(app.database, o.provinceCode)) {
		state.pending.add({
			code: d.code,
			unit: d.unit,
			firstDue: Date.parse(d.firstDueAt),
			channel: d.channel as Channel,
			apologised: d.apologies > 0
		});
	}
	for (const d of await recentlyResolved(
		app.database,
		o.provinceCode,
		new Date(now.getTime() - 3 * 86_400_000)
	)) {
		const item = { code: d.code, unit: d.unit, channel: d.channel as Channel };
		if (!d.returned) state.toReturn.add(item);
		if (!d.rated && rng.chance(0.3)) state.toRate.add(item);
	}

	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let sent = 0;
	let budget = 0;
	let last = performance.now();
	let lastError = -Infinity;

	const tick = async () => {
		timer = undefined;
		if (stopped) return;
		const at = app.now();
		const mode = liveMode(work, at);
		const t = performance.now();
		let n = 1;
		if (mode === 'office') {
			budget += (o.rate * (t - last)) / 1000;
			n = Math.min(MAX_PER_TICK, Math.floor(budget));
			budget -= n;
		} else budget = 0;
		last = t;
		try {
			const events = [];
			for (let i = 0; i < n; i++) events.push(...liveAction(state, mode, at));
			if (events.length > 0 && !stopped) {
				await ingestDemo(app, o.provinceCode, events, true);
				sent += events.length;
			}
		} catch (err) {
			if (t - lastError > ERROR_LOG_MS) {
				lastError = t;
				o.log(`dữ liệu mẫu: lỗi luồng trực tiếp (${(err as Error)?.message ?? err}); tiếp tục`);
			}
		}
		if (!stopped)
			timer = setTimeout(tick, mode === 'office' ? rng.range(100, 500) : rng.range(5_000, 10_000));
	};
	timer = setTimeout(tick, 100);

	return {
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			timer = undefined;
		},
		get sent() {
			return sent;
		},
		get pending() {
			return state.pending.size;
		}
	};
}
