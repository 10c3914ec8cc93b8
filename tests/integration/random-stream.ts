/**
 * Random but valid event streams over the test tree: every kind of event,
 * corrections (a second `received`), ratings before receipts, lone ratings,
 * feedback, computed deadlines (processingDays), and times straddling local
 * midnight (UTC+7) so day boundaries are exercised.
 */
import { mulberry32 } from '../fixtures/rng.ts';
import { LEAVES } from './units.fixture.ts';

export { mulberry32 };

export type Ev = Record<string, unknown> & { id: string; type: string; at: string; unit: string };

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

export function randomStream(
	seed: number,
	dossiers: number,
	startIso = '2024-01-01T00:00:00+07:00',
	spanDays = 120
): Ev[] {
	const rnd = mulberry32(seed);
	const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
	const t0 = new Date(startIso).getTime();
	const events: Ev[] = [];
	let n = 0;
	const id = () => `s${seed}-${n++}`;
	for (let d = 0; d < dossiers; d++) {
		const unit = pick(LEAVES);
		const dossier = `R${seed}-${d}`;
		const recvAt = t0 + int(0, spanDays * 24) * HOUR + int(0, 59) * 60_000;
		const channel = pick(['direct', 'online', 'postal'] as const);
		const deadline =
			rnd() < 0.8
				? { dueAt: iso(recvAt + int(2, 240) * HOUR) }
				: { processingDays: pick([0, 0.5, 1, 2, 3, 5, 10, 15]) };
		// Codes with the characters an array literal or a JSON key must escape (rollups.ts sends arrays).
		const procedure = pick(['KS', 'KT', 'CT', 'DD', 'K"S\\{1,2}']);
		const field = pick(['HT', 'CT', 'DD', 'H T,"\\']);
		const recv = {
			id: id(),
			type: 'dossier.received',
			at: iso(recvAt),
			unit,
			dossier,
			procedure,
			procedureName: `Thủ tục ${procedure}`,
			field,
			fieldName: `Lĩnh vực ${field}`,
			channel,
			...(channel === 'online' ? { onlineLevel: pick(['full', 'partial'] as const) } : {}),
			...deadline,
			digitized: rnd() < 0.6
		};
		if (rnd() < 0.97) events.push(recv);
		if (rnd() < 0.1)
			events.push({
				...recv,
				id: id(),
				at: iso(recvAt + int(1, 30) * 60_000),
				channel: pick(['direct', 'online', 'postal'] as const),
				digitized: rnd() < 0.5
			});
		let t = recvAt;
		const step = () => (t += int(1, 100) * HOUR);
		for (let s = int(0, 3) - 1; s > 0; s--)
			events.push({
				id: id(),
				type: 'dossier.supplement_requested',
				at: iso(step()),
				unit,
				dossier
			});
		if (rnd() < 0.2)
			events.push({
				id: id(),
				type: 'dossier.rescheduled',
				at: iso(step()),
				unit,
				dossier,
				dueAt: iso(t + int(24, 200) * HOUR),
				apology: rnd() < 0.7
			});
		const end = rnd();
		if (end < 0.7) {
			events.push({
				id: id(),
				type: 'dossier.resolved',
				at: iso(step()),
				unit,
				dossier,
				resultDigitized: rnd() < 0.5
			});
			if (rnd() < 0.8)
				events.push({
					id: id(),
					type: 'dossier.returned',
					at: iso(t + (rnd() < 0.15 ? -int(1, 48) : int(0, 48)) * HOUR),
					unit,
					dossier
				});
		} else if (end < 0.78)
			events.push({ id: id(), type: 'dossier.withdrawn', at: iso(step()), unit, dossier });
		else if (end < 0.84)
			events.push({
				id: id(),
				type: 'dossier.rejected',
				at: iso(step()),
				unit,
				dossier,
				reason: 'thiếu giấy tờ'
			});
		if (rnd() < 0.4) {
			const level = pick(['very_satisfied', 'very_satisfied', 'satisfied', 'unsatisfied'] as const);
			events.push({
				id: id(),
				type: 'dossier.rated',
				at: iso(t + int(-5, 24) * HOUR),
				unit,
				dossier,
				level,
				via: pick(['kiosk', 'qr', 'online', 'paper'] as const)
			});
		}
	}
	for (let i = 0; i < dossiers / 20; i++) {
		const unit = pick(LEAVES);
		const at = t0 + int(0, spanDays * 24) * HOUR;
		events.push({
			id: id(),
			type: 'dossier.rated',
			at: iso(at),
			unit,
			level: pick(['very_satisfied', 'satisfied', 'unsatisfied'] as const)
		});
		const fb = `F${seed}-${i}`;
		const kind = pick(['regulation', 'conduct'] as const);
		events.push({ id: id(), type: 'feedback.received', at: iso(at), unit, feedback: fb, kind });
		if (rnd() < 0.6)
			events.push({
				id: id(),
				type: 'feedback.resolved',
				at: iso(at + int(1, 300) * HOUR),
				unit,
				feedback: fb,
				kind
			});
	}
	return events;
}

export function shuffle<T>(xs: readonly T[], rnd: () => number): T[] {
	const a = [...xs];
	for (let i = a.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[a[i], a[j]] = [a[j], a[i]];
	}
	return a;
}

/** Shuffled batches with some events sent again in later batches. */
export function toBatches(
	events: readonly Ev[],
	rnd: () => number,
	batchSize: number,
	duplicateRate: number
): Ev[][] {
	const sent = shuffle(events, rnd);
	const withDups = [...sent, ...sent.filter(() => rnd() < duplicateRate)];
	const batches: Ev[][] = [];
	for (let i = 0; i < withDups.length; i += batchSize)
		batches.push(withDups.slice(i, i + batchSize));
	return batches;
}
