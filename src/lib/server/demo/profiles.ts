/**
 * How each demo counter behaves, drawn from the seed and its unit code only
 * (so a restarted server rebuilds the same profiles from the units in the
 * database):
 *
 * - size: dossiers per working day, 2–15 in communes, 10–40 in wards and
 *   townships (before the history is scaled to DEMO_DOSSIERS);
 * - online share rising linearly over the year (≈35% → ≈70%, by unit);
 * - quality: most units resolve 97–100% early or on time; the few
 *   "chronically late" ones (about 1 in 25, at least one) 80–90%;
 * - ratings on 10–40% of resolved dossiers, rarely unsatisfied;
 * - apology letters for some late dossiers, a few supplementation requests,
 *   rare withdrawals and rejections, PAKN now and then;
 * - "phantom overdue" (returned to the citizen before the deadline but closed
 *   in the software after it) in one or two units.
 */
import { procedureWeights } from './catalog.ts';
import { createRng, hashSeed, hashUnit } from './rng.ts';

export type UnitProfile = {
	code: string;
	type: string;
	/** Dossiers per working day. */
	size: number;
	onlineStart: number;
	onlineEnd: number;
	/** Of online dossiers: full-process (toàn trình). */
	fullShare: number;
	/** Of offline dossiers: sent by post. */
	postalShare: number;
	/** Of dossiers resolved in time: early (the rest on the due day). */
	earlyShare: number;
	/** Of resolved dossiers: overdue. */
	lateRate: number;
	/** Of overdue dossiers: long forgotten (weeks late). */
	forgetRate: number;
	/** Of resolved dossiers: phantom overdue (returned before the deadline, closed after it). */
	phantomRate: number;
	/** Of overdue dossiers: rescheduled with an apology letter beforehand. */
	apologyRate: number;
	supplementRate: number;
	withdrawRate: number;
	rejectRate: number;
	ratingRate: number;
	/** Of online dossiers: filed by an officer for a citizen at the counter (who then rates at the kiosk). */
	onBehalfRate: number;
	/** Of dossiers resolved after their appointment in the live feed: in fact resolved before it, the result synced late. */
	syncLagRate: number;
	/** very satisfied / satisfied / unsatisfied weights. */
	levels: [number, number, number];
	digitizedIntake: number;
	digitizedResult: number;
	returnRate: number;
	/** PAKN per working day. */
	feedbackRate: number;
	procedureWeights: number[];
};

export type CounterRef = { code: string; type: string };

const BIG = new Set(['ward', 'township']);

/** The units picked by the smallest seeded hash: `n` of them, at least one. */
function chosen(seed: number, what: string, units: readonly CounterRef[], n: number): Set<string> {
	const ranked = units
		.map((u) => u.code)
		.sort((a, b) => hashUnit(seed, what, a) - hashUnit(seed, what, b));
	return new Set(ranked.slice(0, Math.max(1, n)));
}

export function buildProfiles(
	seed: number,
	units: readonly CounterRef[]
): Map<string, UnitProfile> {
	const late = chosen(seed, 'late', units, Math.round(units.length / 25));
	const phantom = chosen(seed, 'phantom', units, units.length >= 50 ? 2 : 1);
	const onBehalf = chosen(seed, 'onBehalf', units, units.length >= 50 ? 3 : 1);
	const syncLag = chosen(seed, 'syncLag', units, units.length >= 50 ? 2 : 1);
	const out = new Map<string, UnitProfile>();
	for (const u of units) {
		const rng = createRng(hashSeed(seed, 'profile', u.code));
		const big = BIG.has(u.type);
		// Sizes are skewed: many small communes, a few busy ones.
		const size = big ? 10 + 30 * rng.next() ** 1.5 : 2 + 13 * rng.next() ** 2;
		const onlineStart = rng.range(0.25, 0.45);
		const chronic = late.has(u.code);
		const lateRate = chronic
			? rng.range(0.1, 0.2)
			: rng.chance(0.75)
				? rng.range(0, 0.01)
				: rng.range(0.01, 0.03);
		const vs = rng.range(0.7, 0.95);
		const un = rng.chance(0.7) ? rng.range(0, 0.01) : rng.range(0.01, 0.04);
		out.set(u.code, {
			code: u.code,
			type: u.type,
			size,
			onlineStart,
			onlineEnd: Math.min(0.85, onlineStart + rng.range(0.25, 0.4)),
			fullShare: rng.range(0.3, 0.7),
			postalShare: rng.range(0.01, 0.05),
			earlyShare: rng.range(0.75, 0.95),
			lateRate,
			forgetRate: chronic ? 0.25 : 0.08,
			phantomRate: phantom.has(u.code) ? rng.range(0.04, 0.08) : 0,
			apologyRate: rng.range(0.2, 0.9),
			supplementRate: rng.range(0.02, 0.08),
			withdrawRate: rng.range(0.001, 0.005),
			rejectRate: rng.range(0.001, 0.004),
			ratingRate: rng.range(0.1, 0.4),
			onBehalfRate: onBehalf.has(u.code) ? 0.4 : 0,
			syncLagRate: syncLag.has(u.code) ? 0.6 : 0,
			levels: [vs, 1 - vs - un, un],
			digitizedIntake: rng.range(0.5, 0.95),
			digitizedResult: rng.range(0.4, 0.9),
			returnRate: rng.range(0.85, 0.98),
			feedbackRate: rng.range(0.01, 0.06) * (big ? 2 : 1),
			procedureWeights: procedureWeights(u.type)
		});
	}
	return out;
}

/** Online share of a unit at a point of the year (0 = twelve months ago, 1 = now). */
export function onlineShare(p: UnitProfile, yearFraction: number): number {
	const f = Math.min(1, Math.max(0, yearFraction));
	return p.onlineStart + (p.onlineEnd - p.onlineStart) * f;
}
