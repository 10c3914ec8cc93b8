/**
 * The current state of one dossier, folded from all of its stored events.
 * The fold is order-independent: events are sorted by (at, seq) first, so any
 * arrival order of the same set of events gives the same state.
 */
import type { Channel, OnlineLevel, RatingLevel, RatingVia } from '../events/schema.ts';
import { outcomeOf, type Outcome } from './outcome.ts';
import { flagsOf, type Flag } from './flags.ts';

export type DossierStatus = 'pending' | 'resolved' | 'withdrawn' | 'rejected';

/** A stored event as the fold sees it (times as Date, computed dueAt already filled in). */
export type FoldEvent = {
	seq: number;
	id: string;
	type: string;
	at: Date;
	unit: string;
	procedure?: string;
	procedureName?: string;
	field?: string;
	fieldName?: string;
	channel?: Channel;
	onlineLevel?: OnlineLevel;
	dueAt?: Date;
	processingDays?: number;
	digitized?: boolean;
	apology?: boolean;
	resultDigitized?: boolean;
	level?: RatingLevel;
	via?: RatingVia;
	/** when the server accepted the event (stored with it); absent for events not yet stored */
	acceptedAt?: Date;
};

export type DossierState = {
	code: string;
	unit: string;
	/** true once a dossier.received is known: only then does the dossier count in figures (ratings aside). */
	received: boolean;
	receivedAt: Date | null;
	procedure: string | null;
	procedureName: string | null;
	field: string | null;
	fieldName: string | null;
	channel: Channel | null;
	onlineLevel: OnlineLevel | null;
	processingDays: number | null;
	digitized: boolean;
	firstDueAt: Date | null;
	dueAt: Date | null;
	status: DossierStatus;
	finishedAt: Date | null;
	resolvedAt: Date | null;
	outcome: Outcome | null;
	resultDigitized: boolean;
	returnedAt: Date | null;
	supplementAts: Date[];
	apologyAts: Date[];
	rating: RatingLevel | null;
	ratedAt: Date | null;
	/** where the latest rating was given: online, at the counter's kiosk, on paper, by QR code */
	ratingVia: RatingVia | null;
	/** when the server first learned of the receipt, and of the final resolution (events' acceptedAt) */
	receiptKnownAt: Date | null;
	resolutionKnownAt: Date | null;
	flags: Flag[];
	eventCount: number;
	lastSeq: number;
};

const TERMINAL: Record<string, DossierStatus> = {
	'dossier.resolved': 'resolved',
	'dossier.withdrawn': 'withdrawn',
	'dossier.rejected': 'rejected'
};

export function byTimeThenSeq(a: FoldEvent, b: FoldEvent): number {
	return a.at.getTime() - b.at.getTime() || a.seq - b.seq;
}

/** Fold all events of one dossier (any order) into its state. `events` must not be empty. */
export function foldDossier(code: string, events: readonly FoldEvent[]): DossierState {
	const sorted = [...events].sort(byTimeThenSeq);
	const s: DossierState = {
		code,
		// Whose dossier it is (docs/domain.md#ownership): the unit of its latest receipt, and before one arrives, of its first event.
		unit: sorted[0].unit,
		received: false,
		receivedAt: null,
		procedure: null,
		procedureName: null,
		field: null,
		fieldName: null,
		channel: null,
		onlineLevel: null,
		processingDays: null,
		digitized: false,
		firstDueAt: null,
		dueAt: null,
		status: 'pending',
		finishedAt: null,
		resolvedAt: null,
		outcome: null,
		resultDigitized: false,
		returnedAt: null,
		supplementAts: [],
		apologyAts: [],
		rating: null,
		ratedAt: null,
		ratingVia: null,
		receiptKnownAt: null,
		resolutionKnownAt: null,
		flags: [],
		eventCount: sorted.length,
		lastSeq: Math.max(...sorted.map((e) => e.seq))
	};
	let rescheduledDue: Date | null = null;
	let receivedUnit: string | null = null;
	let terminal: FoldEvent | null = null;
	for (const e of sorted) {
		switch (e.type) {
			case 'dossier.received':
				// The first receipt fixes the receipt time; a later one corrects the attributes.
				if (!s.received) s.receivedAt = e.at;
				if (e.acceptedAt && (!s.receiptKnownAt || e.acceptedAt < s.receiptKnownAt))
					s.receiptKnownAt = e.acceptedAt;
				s.received = true;
				receivedUnit = e.unit;
				s.procedure = e.procedure ?? null;
				s.procedureName = e.procedureName ?? null;
				s.field = e.field ?? null;
				s.fieldName = e.fieldName ?? null;
				s.channel = e.channel ?? null;
				s.onlineLevel = e.channel === 'online' ? (e.onlineLevel ?? null) : null;
				s.processingDays = e.processingDays ?? null;
				s.digitized = e.digitized === true;
				s.firstDueAt = e.dueAt ?? null;
				break;
			case 'dossier.supplement_requested':
				s.supplementAts.push(e.at);
				break;
			case 'dossier.rescheduled':
				rescheduledDue = e.dueAt ?? rescheduledDue;
				if (e.apology === true) s.apologyAts.push(e.at);
				break;
			case 'dossier.returned':
				s.returnedAt ??= e.at;
				break;
			case 'dossier.rated':
				s.rating = e.level ?? null;
				s.ratedAt = e.at;
				s.ratingVia = e.via ?? null;
				break;
			default:
				if (e.type in TERMINAL) terminal = e;
		}
	}
	if (receivedUnit !== null) s.unit = receivedUnit;
	s.dueAt = rescheduledDue ?? s.firstDueAt;
	if (terminal) {
		s.status = TERMINAL[terminal.type];
		s.finishedAt = terminal.at;
		if (s.status === 'resolved') {
			s.resolvedAt = terminal.at;
			s.resolutionKnownAt = terminal.acceptedAt ?? null;
			s.resultDigitized = terminal.resultDigitized === true;
			s.outcome = s.firstDueAt ? outcomeOf(terminal.at, s.firstDueAt) : null;
		}
	}
	s.flags = flagsOf(s);
	return s;
}
