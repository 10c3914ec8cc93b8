/**
 * One demo dossier's whole life as API events (docs/api.md#event-fields), planned at
 * receipt from its unit's profile: received → maybe supplementation requests
 * → maybe rescheduled with an apology → resolved early / on time / late (or
 * withdrawn, rejected) → returned → maybe rated. Only the events that have
 * happened by `now` are returned, so recent dossiers stay pending and some of
 * them overdue. Phantom overdue: returned to the citizen before the deadline,
 * closed in the software after it.
 */
import { PROCEDURES, REJECT_REASONS, SUPPLEMENT_REASONS, type DemoProcedure } from './catalog.ts';
import {
	CLOSE,
	HOUR,
	MINUTE,
	OPEN,
	atLocal,
	localDayNumber,
	minutesOfDay,
	officeMinute,
	type WorkDays
} from './clock.ts';
import { onlineShare, type UnitProfile } from './profiles.ts';
import type { Rng } from './rng.ts';

export type DemoEvent = {
	id: string;
	type: string;
	at: string;
	unit: string;
	[field: string]: unknown;
};

export type Channel = 'direct' | 'online' | 'postal';

export type Receipt = {
	code: string;
	unit: string;
	receivedAt: Date;
	procedure: DemoProcedure;
	channel: Channel;
	onlineLevel: 'full' | 'partial' | null;
	digitized: boolean;
	dueAt: Date;
};

export function chooseChannel(
	rng: Rng,
	p: UnitProfile,
	procedure: DemoProcedure,
	yearFraction: number
): Pick<Receipt, 'channel' | 'onlineLevel'> {
	if (rng.chance(onlineShare(p, yearFraction)))
		return {
			channel: 'online',
			onlineLevel: procedure.full && rng.chance(p.fullShare) ? 'full' : 'partial'
		};
	return { channel: rng.chance(p.postalShare) ? 'postal' : 'direct', onlineLevel: null };
}

/**
 * A new receipt (procedure, channel and deadline drawn from the profile);
 * `when` gives the receipt time for the channel drawn.
 */
export function newReceipt(
	rng: Rng,
	p: UnitProfile,
	work: WorkDays,
	code: string,
	when: (channel: Channel) => Date,
	yearFraction: number
): Receipt {
	const procedure = PROCEDURES[rng.weighted(p.procedureWeights)];
	const channel = chooseChannel(rng, p, procedure, yearFraction);
	const receivedAt = when(channel.channel);
	return {
		code,
		unit: p.code,
		receivedAt,
		procedure,
		...channel,
		digitized: rng.chance(p.digitizedIntake),
		dueAt: work.calendar.addWorkingDays(receivedAt, procedure.days)
	};
}

export function receivedEvent(r: Receipt): DemoEvent {
	const e: DemoEvent = {
		id: `${r.code}:r`,
		type: 'dossier.received',
		at: r.receivedAt.toISOString(),
		unit: r.unit,
		dossier: r.code,
		procedure: r.procedure.code,
		procedureName: r.procedure.name,
		field: r.procedure.field.code,
		fieldName: r.procedure.field.name,
		channel: r.channel
	};
	if (r.onlineLevel) e.onlineLevel = r.onlineLevel;
	if (r.procedure.sendDays) e.processingDays = r.procedure.days;
	else e.dueAt = r.dueAt.toISOString();
	e.digitized = r.digitized;
	return e;
}

/** How a citizen rates at a counter: kiosk, QR or paper; online dossiers online or by QR. */
/** Where a rating is given; an online dossier filed on the citizen's behalf is rated at the counter's kiosk. */
export function ratingVia(
	rng: Rng,
	channel: Channel,
	p: Pick<UnitProfile, 'onBehalfRate'>
): string {
	if (channel === 'online' && p.onBehalfRate > 0 && rng.chance(p.onBehalfRate)) return 'kiosk';
	if (channel === 'online') return rng.chance(0.7) ? 'online' : 'qr';
	const r = rng.next();
	return r < 0.6 ? 'kiosk' : r < 0.85 ? 'qr' : 'paper';
}

const LEVELS = ['very_satisfied', 'satisfied', 'unsatisfied'] as const;

export function ratingLevel(rng: Rng, p: UnitProfile): string {
	return LEVELS[rng.weighted(p.levels)];
}

type Fate = 'early' | 'on_time' | 'overdue' | 'forgotten' | 'phantom' | 'withdrawn' | 'rejected';

function fate(rng: Rng, p: UnitProfile): Fate {
	const r = rng.next();
	let acc = p.withdrawRate;
	if (r < acc) return 'withdrawn';
	if (r < (acc += p.rejectRate)) return 'rejected';
	if (r < (acc += p.phantomRate)) return 'phantom';
	if (r < (acc += p.lateRate)) return rng.chance(p.forgetRate) ? 'forgotten' : 'overdue';
	return rng.chance(p.earlyShare) ? 'early' : 'on_time';
}

/** When the dossier is resolved, for a planned fate (overdue fates after the due day). */
function resolutionTime(rng: Rng, work: WorkDays, r: Receipt, kind: Fate): Date {
	const recvDay = localDayNumber(r.receivedAt);
	const recvMin = minutesOfDay(r.receivedAt);
	const dueDay = localDayNumber(r.dueAt);
	if (kind === 'early') {
		const days: number[] = [];
		if (work.is(recvDay) && recvMin < CLOSE - 30 && recvDay < dueDay) days.push(recvDay);
		for (let d = work.atOrAfter(recvDay + 1); d < dueDay; d = work.add(d, 1)) days.push(d);
		if (days.length > 0) {
			const d = days[Math.floor(rng.next() ** 2 * days.length)];
			const minute =
				d === recvDay ? rng.range(Math.max(recvMin, OPEN) + 15, CLOSE) : officeMinute(rng);
			return atLocal(d, minute);
		}
		kind = 'on_time';
	}
	if (kind === 'on_time') {
		const lo = Math.max(atLocal(dueDay, OPEN).getTime(), r.receivedAt.getTime() + 10 * MINUTE);
		const hi = r.dueAt.getTime();
		return new Date(lo >= hi ? hi : lo + rng.next() * (hi - lo));
	}
	const late =
		kind === 'forgotten' ? rng.int(15, 60) : 1 + rng.geometric(kind === 'phantom' ? 0.3 : 0.45);
	const at = atLocal(work.add(dueDay, late), officeMinute(rng));
	return at.getTime() > r.dueAt.getTime() ? at : new Date(r.dueAt.getTime() + 30 * MINUTE);
}

/** An instant a fraction of the way from a to b. */
const between = (rng: Rng, a: Date, b: Date, lo: number, hi: number) =>
	new Date(a.getTime() + rng.range(lo, hi) * (b.getTime() - a.getTime()));

/** When a paper result is handed over after resolution: within hours, or the next working morning. */
function handOver(rng: Rng, work: WorkDays, resolvedAt: Date, channel: Channel): Date {
	if (channel === 'online') return new Date(resolvedAt.getTime() + rng.range(1, 40) * MINUTE);
	const at = new Date(resolvedAt.getTime() + rng.range(0.25, 3) * HOUR);
	const day = localDayNumber(resolvedAt);
	if (localDayNumber(at) === day && minutesOfDay(at) < CLOSE) return at;
	return atLocal(work.add(day, rng.chance(0.8) ? 1 : 2), officeMinute(rng));
}

/** The receipt's events up to `now`, in time order. */
export function lifecycle(
	rng: Rng,
	p: UnitProfile,
	work: WorkDays,
	r: Receipt,
	now: Date
): DemoEvent[] {
	const events: DemoEvent[] = [receivedEvent(r)];
	const base = { unit: r.unit, dossier: r.code };
	const push = (suffix: string, type: string, at: Date, extra: Record<string, unknown> = {}) =>
		events.push({ id: `${r.code}:${suffix}`, type, at: at.toISOString(), ...base, ...extra });
	const kind = fate(rng, p);
	if (kind === 'withdrawn' || kind === 'rejected') {
		const at = between(
			rng,
			r.receivedAt,
			new Date(Math.max(r.dueAt.getTime(), r.receivedAt.getTime() + HOUR)),
			0.1,
			0.9
		);
		if (kind === 'withdrawn') push('w', 'dossier.withdrawn', at);
		else push('x', 'dossier.rejected', at, { reason: rng.pick(REJECT_REASONS) });
		return events.filter((e) => e.at <= now.toISOString());
	}
	const resolvedAt = resolutionTime(rng, work, r, kind);
	if (rng.chance(p.supplementRate)) {
		push('b1', 'dossier.supplement_requested', between(rng, r.receivedAt, resolvedAt, 0.05, 0.4), {
			reason: rng.pick(SUPPLEMENT_REASONS)
		});
		if (rng.chance(0.12))
			push(
				'b2',
				'dossier.supplement_requested',
				between(rng, r.receivedAt, resolvedAt, 0.45, 0.8),
				{ reason: rng.pick(SUPPLEMENT_REASONS) }
			);
	}
	if ((kind === 'overdue' || kind === 'forgotten') && rng.chance(p.apologyRate)) {
		const newDue = new Date(resolvedAt.getTime() + rng.range(0, 4) * HOUR);
		push('h', 'dossier.rescheduled', between(rng, r.receivedAt, r.dueAt, 0.6, 0.95), {
			dueAt: newDue.toISOString(),
			apology: true
		});
	}
	const channel = r.channel;
	let returnedAt: Date | null = null;
	if (kind === 'phantom') returnedAt = between(rng, r.receivedAt, r.dueAt, 0.5, 0.95);
	push('k', 'dossier.resolved', resolvedAt, { resultDigitized: rng.chance(p.digitizedResult) });
	if (kind !== 'phantom' && rng.chance(p.returnRate))
		returnedAt = handOver(rng, work, resolvedAt, channel);
	if (returnedAt) push('t', 'dossier.returned', returnedAt);
	if (rng.chance(p.ratingRate)) {
		const after = returnedAt && returnedAt > resolvedAt ? returnedAt : resolvedAt;
		push('v', 'dossier.rated', new Date(after.getTime() + rng.range(1, 15) * MINUTE), {
			level: ratingLevel(rng, p),
			via: ratingVia(rng, channel, p)
		});
	}
	const limit = now.toISOString();
	return events
		.filter((e) => e.at <= limit)
		.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
