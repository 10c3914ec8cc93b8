/**
 * Which figures the sockets of this process want, per subscribed unit: one
 * entry per distinct (period, metric), with the room its sockets sit in
 * (`unit:<CODE>:<from>:<to>:<metric>`, `today` for the default period), so
 * the coalescer computes each once and emits it to that room.
 */
import { unitRoom, type Subscription } from './types.ts';

export type FigureGroup = { room: string; spec: Subscription; sockets: number };

export function figureRoom(s: Subscription): string {
	return `${unitRoom(s.unit.code)}:${s.period?.from ?? 'today'}:${s.period?.to ?? 'today'}:${s.metric}`;
}

export class Subscribers {
	#byUnit = new Map<string, Map<string, FigureGroup>>();

	add(s: Subscription): string {
		const room = figureRoom(s);
		let groups = this.#byUnit.get(s.unit.code);
		if (!groups) this.#byUnit.set(s.unit.code, (groups = new Map()));
		const g = groups.get(room);
		if (g) g.sockets++;
		else groups.set(room, { room, spec: s, sockets: 1 });
		return room;
	}

	remove(s: Subscription): void {
		const groups = this.#byUnit.get(s.unit.code);
		const g = groups?.get(figureRoom(s));
		if (!groups || !g) return;
		if (--g.sockets === 0) groups.delete(g.room);
		if (groups.size === 0) this.#byUnit.delete(s.unit.code);
	}

	has(code: string): boolean {
		return this.#byUnit.has(code);
	}

	groups(code: string): FigureGroup[] {
		return [...(this.#byUnit.get(code)?.values() ?? [])];
	}
}
