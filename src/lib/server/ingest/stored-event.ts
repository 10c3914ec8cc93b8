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
