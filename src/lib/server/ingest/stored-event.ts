/** Stored events ↔ the fold's view of them. */
import type { FoldEvent } from '../../domain/dossier/state.ts';

/** An events row as read back through jsonRows (times as ISO strings). */
export type StoredEventRow = {
	seq: number;
	event_id: string;
	type: string;
	at: string;
	unit: string;
	dossier: string | null;
	feedback: string | null;
	payload: Record<string, unknown>;
	/** ISO time the server accepted the event (absent in rows built before storing) */
	accepted_at?: string;
};

export function toFoldEvent(row: StoredEventRow): FoldEvent {
	const p = row.payload;
	return {
		...(p as Partial<FoldEvent>),
		seq: Number(row.seq),
		id: row.event_id,
		type: row.type,
		at: new Date(row.at),
		unit: row.unit,
		acceptedAt: row.accepted_at ? new Date(row.accepted_at) : undefined,
		dueAt: typeof p.dueAt === 'string' ? new Date(p.dueAt) : undefined
	};
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = map.get(k);
		if (list) list.push(item);
		else map.set(k, [item]);
	}
	return map;
}
