/**
 * A read portal call (call.ts) as API events (docs/api.md#event-fields, docs/dvcqg.md), given what is
 * already known of each dossier. Pure: the server looks up units and state,
 * this decides.
 *
 * - DongBoHoSoMC gives `dossier.received` at NgayTiepNhan with dueAt =
 *   NgayHenTra (a dossier already known keeps its first due date: a later
 *   receipt corrects attributes, never the deadline timeliness is judged by);
 *   a NgayHenTra different from the current due date gives
 *   `dossier.rescheduled` at the call's time.
 * - The status gives at most one event per kind (codes.ts): 5 a supplement
 *   request when the dossier was not already waiting for one (a status is a
 *   state the portal is told again on every sync, a request is the step into
 *   it); 7 withdrawn, 3/8 rejected, 9 resolved, 10 resolved and returned —
 *   a terminal event only when the dossier is not already in that state.
 * - Times: 9 and 10 at NgayKetThucXuLy (10's return at NgayTra); the codes
 *   that carry no time of their own (5, 7, 3, 8) at NgayKetThucXuLy when the
 *   record has one, else when the call was accepted. A CapNhatTienDoHoSoMC
 *   row's events are at its ThoiDiemXuLy.
 * - Ids are derived from the record: `dvcqg:<dossier>:<kind>:<the portal time
 *   the kind carries, or none>` (and, for receipts, a digest of the
 *   attributes), so sending a call again is a duplicate and changes nothing.
 */
import { createHash } from 'node:crypto';
import { portalStatus } from './codes.ts';
import type { DossierRecord, PortalCall, PortalTime, ProgressRow } from './call.ts';

/**
 * What is known of a dossier before the call: its first due date (timeliness is judged by it) and
 * its current one (ISO; null before a receipt), its status, and the portal status last synced.
 */
export type KnownDossier = {
	firstDueAt: string | null;
	dueAt: string | null;
	status: 'pending' | 'resolved' | 'withdrawn' | 'rejected';
	portalStatus: string | null;
};

/** A §3 event as JSON, and the record (and field) it came from, to name it in errors. */
export type Translated = {
	events: Record<string, unknown>[];
	origins: { index: number; field: string }[];
	/** Dossiers whose portal status the call set (their entries in `state` are to be kept for the next call). */
	touched: Set<string>;
	errors: { index: number; path: string; message: string }[];
};

const TERMINAL = {
	withdrawn: 'dossier.withdrawn',
	rejected: 'dossier.rejected',
	resolved: 'dossier.resolved'
} as const;

const digest = (parts: readonly unknown[]) =>
	createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);

/**
 * `state` holds what is known of the call's dossiers (absent = never seen) and
 * is updated in place, so calls translated one after another (a history file)
 * see each other's effects.
 */
export function translateCall(
	call: PortalCall,
	units: ReadonlyMap<string, string>,
	state: Map<string, KnownDossier>,
	acceptedAt: Date
): Translated {
	const out: Translated = { events: [], origins: [], touched: new Set(), errors: [] };
	const stateOf = (dossier: string): KnownDossier => {
		let s = state.get(dossier);
		if (!s) {
			s = { firstDueAt: null, dueAt: null, status: 'pending', portalStatus: null };
			state.set(dossier, s);
		}
		return s;
	};
	const accepted: PortalTime = { raw: '', iso: acceptedAt.toISOString(), ms: acceptedAt.getTime() };
	const emit = (index: number, field: string, event: Record<string, unknown>) => {
		out.events.push(event);
		out.origins.push({ index, field });
	};
	const id = (dossier: string, kind: string, t: string) => `dvcqg:${dossier}:${kind}:${t}`;

	/** The status events of one record or row; `own` is the time a code without its own time takes. */
	const statusEvents = (
		r: { index: number; dossier: string },
		unit: string,
		code: string | null,
		own: PortalTime,
		times: { resolved: PortalTime; returned: PortalTime | null },
		field: string
	) => {
		if (code === null) return;
		const s = stateOf(r.dossier);
		const effect = portalStatus(code)!.effect;
		const base = (type: string, t: PortalTime, kind: string) => ({
			id: id(r.dossier, kind, t.raw),
			type,
			at: t.iso,
			unit,
			dossier: r.dossier
		});
		if (effect === 'supplement' && s.portalStatus !== '5')
			emit(r.index, field, base('dossier.supplement_requested', own, 'supplement'));
		if (effect === 'withdrawn' || effect === 'rejected') {
			if (s.status !== effect) emit(r.index, field, base(TERMINAL[effect], own, effect));
			s.status = effect;
		}
		if (effect === 'resolved' || effect === 'returned') {
			if (s.status !== 'resolved')
				emit(r.index, field, base(TERMINAL.resolved, times.resolved, 'resolved'));
			s.status = 'resolved';
			if (effect === 'returned' && times.returned)
				emit(r.index, field, base('dossier.returned', times.returned, 'returned'));
		}
		s.portalStatus = code;
		out.touched.add(r.dossier);
	};

	const unitOf = (r: { index: number; unit: string | null }, field: string): string | null => {
		const name = r.unit ?? call.madonvi;
		if (name === null) {
			out.errors.push({
				index: r.index,
				path: 'MaDonVi',
				message: 'the receiving unit is required: MaDonVi in the record or madonvi in the call'
			});
			return null;
		}
		const unit = units.get(name);
		if (!unit)
			out.errors.push({
				index: r.index,
				path: r.unit ? 'MaDonVi' : field,
				message: `unknown unit "${name}" (neither one of our unit codes nor a unit's dvcqg_code)`
			});
		return unit ?? null;
	};

	if (call.service === 'DongBoHoSoMC') {
		for (const r of call.records as DossierRecord[]) {
			const unit = unitOf(r, 'madonvi');
			if (!unit) continue;
			const s = stateOf(r.dossier);
			const attributes = [
				unit,
				r.procedure,
				r.procedureName,
				r.field,
				r.fieldName,
				r.channel,
				r.digitized
			];
			// A receipt with other attributes corrects them (the latest receipt wins) but keeps the first due date.
			s.firstDueAt ??= r.dueAt.iso;
			emit(r.index, 'NgayTiepNhan', {
				id: id(r.dossier, 'received', `${r.receivedAt.raw}:${digest(attributes)}`),
				type: 'dossier.received',
				at: r.receivedAt.iso,
				unit,
				dossier: r.dossier,
				procedure: r.procedure,
				...(r.procedureName ? { procedureName: r.procedureName } : {}),
				field: r.field,
				...(r.fieldName ? { fieldName: r.fieldName } : {}),
				channel: r.channel,
				dueAt: s.firstDueAt,
				digitized: r.digitized
			});
			if (new Date(s.dueAt ?? s.firstDueAt).getTime() !== r.dueAt.ms) {
				// A new appointment: when the call says so, but not after the dossier was finished.
				const at = r.finishedAt && r.finishedAt.ms < acceptedAt.getTime() ? r.finishedAt : accepted;
				emit(r.index, 'NgayHenTra', {
					id: id(r.dossier, 'rescheduled', r.dueAt.raw),
					type: 'dossier.rescheduled',
					at: at.iso,
					unit,
					dossier: r.dossier,
					dueAt: r.dueAt.iso
				});
			}
			s.dueAt = r.dueAt.iso;
			const own = r.finishedAt ?? accepted;
			const resolvedAt = r.finishedAt ?? r.returnedAt ?? accepted;
			statusEvents(
				r,
				unit,
				r.status,
				own,
				{ resolved: resolvedAt, returned: r.returnedAt },
				'TrangThaiHoSo'
			);
		}
	} else {
		for (const r of call.records as ProgressRow[]) {
			const unit = unitOf(r, 'madonvi');
			if (!unit) continue;
			statusEvents(r, unit, r.status, r.at, { resolved: r.at, returned: r.at }, 'TrangThai');
		}
	}
	return out;
}
