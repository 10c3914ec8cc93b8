/**
 * The demo province (docs/api.md#running-it: loaded by `npm start` on an empty database
 * unless DEMO=0). Called by server.ts after the server listens.
 *
 * - No units at all: generate the province (names, map, ~100 communes), mark
 *   the data as demo (app_meta 'demo', before anything else is written),
 *   import its units, create a `display` key "demo-display" (its wall-display
 *   link printed once); return at once, then load twelve months of history in
 *   the background and start the live feed.
 * - Units and the demo mark: resume — finish an interrupted history load (the
 *   same seed and end time give the same events; stored ones are duplicates),
 *   then start the live feed.
 * - Units without the demo mark: real data, return null and touch nothing.
 *
 * `ready` settles when the history is loaded and the live feed has started
 * (or the demo was stopped, or failed: failures are logged, never thrown).
 */
import type { App } from '../app.ts';
import { createKey } from '../auth/keys.ts';
import { loadCalendar } from '../queries/calendar.ts';
import { getMeta, setMeta } from '../queries/meta.ts';
import { importUnits } from '../units/import.ts';
import { workDays } from './clock.ts';
import { demoConfig, type DemoConfig } from './config.ts';
import { loadHistory } from './history.ts';
import { planHistory } from './history-plan.ts';
import { buildProfiles } from './profiles.ts';
import { generateProvince, provinceGeoJson } from './province.ts';
import { counterUnits, unitCount } from '../queries/demo.ts';
import { startSimulator, type Simulator } from './simulator.ts';

/** app_meta 'demo' (DemoInfo's province and generatedAt, and what is needed to resume). */
export type DemoMeta = {
	province: string;
	name: string;
	generatedAt: string;
	seed: number;
	dossiers: number;
	districts: number;
	historyLoaded: boolean;
};

export type DemoHandle = { stop(): void; ready: Promise<void>; simulator(): Simulator | null };

export type DemoOptions = { log?: (line: string) => void } & Partial<
	Pick<DemoConfig, 'dossiers' | 'rate' | 'seed' | 'districts'>
>;

async function createDemo(
	app: App,
	config: DemoConfig,
	log: (line: string) => void
): Promise<DemoMeta> {
	const province = generateProvince({ seed: config.seed, districts: config.districts });
	const meta: DemoMeta = {
		province: province.code,
		name: province.name,
		generatedAt: app.now().toISOString(),
		seed: config.seed,
		dossiers: config.dossiers,
		districts: config.districts,
		historyLoaded: false
	};
	// Marked first: units can never exist unmarked (they would then be taken for real data and left alone).
	await setMeta(app.database, 'demo', meta);
	const imported = await importUnits(
		app.database,
		'demo-province.geojson',
		provinceGeoJson(province)
	);
	if (!imported.ok)
		throw new Error(`demo units rejected: ${JSON.stringify(imported.errors.slice(0, 3))}`);
	const key = await createKey(app.database, {
		name: 'demo-display',
		role: 'display',
		scopeCode: province.code
	});
	log(
		`dữ liệu mẫu: ${province.name}, ${province.counters.length} xã/phường (${imported.imported} đơn vị)`
	);
	log(`Màn hình trưng bày: /display/${province.code}?key=${key.token}`);
	return meta;
}

export async function startDemo(app: App, opts: DemoOptions = {}): Promise<DemoHandle | null> {
	const log = opts.log ?? ((line: string) => console.log(line));
	const env = demoConfig(process.env, log);
	if (!env.enabled) return null;
	const config: DemoConfig = {
		...env,
		...Object.fromEntries(Object.entries(opts).filter(([k, v]) => k !== 'log' && v !== undefined))
	};
	const database = app.database;

	let meta: DemoMeta;
	try {
		if ((await unitCount(database)) === 0) meta = await createDemo(app, config, log);
		else {
			const existing = await getMeta<DemoMeta>(database, 'demo');
			if (!existing) return null;
			meta = existing;
			log(`dữ liệu mẫu: tiếp tục ${meta.name ?? meta.province}`);
		}
	} catch (err) {
		log(`dữ liệu mẫu: không tạo được (${(err as Error)?.message ?? err})`);
		return null;
	}

	let stopped = false;
	let simulator: Simulator | null = null;
	const ready = (async () => {
		try {
			const work = workDays(await loadCalendar(database));
			const profiles = [
				...buildProfiles(meta.seed, await counterUnits(database, meta.province)).values()
			];
			if (!meta.historyLoaded) {
				const plan = planHistory({
					seed: meta.seed,
					now: new Date(meta.generatedAt),
					dossiers: meta.dossiers,
					profiles,
					work
				});
				const loaded = await loadHistory(app, plan, {
					provinceCode: meta.province,
					log,
					stopped: () => stopped
				});
				if (loaded.stopped) return;
				await setMeta(database, 'demo', { ...meta, historyLoaded: true });
			}
			if (stopped) return;
			simulator = await startSimulator({
				app,
				provinceCode: meta.province,
				profiles,
				work,
				rate: config.rate,
				log
			});
			if (stopped) simulator.stop();
			else
				log(
					`dữ liệu mẫu: luồng trực tiếp ${config.rate} sự kiện/giây trong giờ hành chính, thưa hơn ngoài giờ`
				);
		} catch (err) {
			log(`dữ liệu mẫu: lỗi — ${(err as Error)?.stack ?? err}`);
		}
	})();

	return {
		stop() {
			stopped = true;
			simulator?.stop();
		},
		ready,
		simulator: () => simulator
	};
}
