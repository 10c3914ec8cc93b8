/**
 * Demo settings from the environment:
 *
 * - DEMO=0          never load demo data;
 * - DEMO_DOSSIERS   size of the generated history (default 80,000 dossiers ≈
 *                   258,000 events). Measured on a shared 2-core machine
 *                   through the real ingest: PGlite on disk 20–22 s (~12,000
 *                   events/s; 28 s with the overdue ticker and a dashboard
 *                   querying, since PGlite shares this thread), PostgreSQL
 *                   15 s — headroom under the 45 s budget;
 * - DEMO_RATE       live events per second in office hours (default 2);
 * - DEMO_SEED       the generator's seed (default 20250701: "Tỉnh Minh Sơn");
 * - DEMO_DISTRICTS  0 (default: province → communes, as since July 2025) or a
 *                   number of districts for the older three-level shape.
 */

export const DEFAULT_DOSSIERS = 80_000;
export const DEFAULT_RATE = 2;
export const DEFAULT_SEED = 20250701;
const MAX_DOSSIERS = 2_000_000;

export type DemoConfig = {
	enabled: boolean;
	dossiers: number;
	rate: number;
	seed: number;
	districts: number;
};

function num(
	env: NodeJS.ProcessEnv,
	name: string,
	fallback: number,
	ok: (n: number) => boolean,
	warn: (line: string) => void
): number {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const n = Number(raw.replace(/[_\s]/g, ''));
	if (Number.isFinite(n) && ok(n)) return n;
	warn(`dữ liệu mẫu: bỏ qua ${name}=${raw} (không hợp lệ), dùng ${fallback}`);
	return fallback;
}

export function demoConfig(
	env: NodeJS.ProcessEnv,
	warn: (line: string) => void = () => {}
): DemoConfig {
	return {
		enabled: env.DEMO !== '0',
		dossiers: Math.round(
			num(env, 'DEMO_DOSSIERS', DEFAULT_DOSSIERS, (n) => n >= 0 && n <= MAX_DOSSIERS, warn)
		),
		rate: num(env, 'DEMO_RATE', DEFAULT_RATE, (n) => n > 0 && n <= 1000, warn),
		seed: num(env, 'DEMO_SEED', DEFAULT_SEED, (n) => Number.isInteger(n), warn),
		districts: num(env, 'DEMO_DISTRICTS', 0, (n) => Number.isInteger(n) && n >= 0 && n <= 30, warn)
	};
}
