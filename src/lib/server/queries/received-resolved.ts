/**
 * The supervision table of form II.06a (docs/domain.md#form-ii06a): the unit's own counter
 * (if it received any dossier), each child unit, and the total — all from the
 * §4 figures. The subtrees of the children and the unit itself partition the
 * unit's subtree, so the own-counter row is the total minus the children.
 */
import type { Summary } from '../../domain/figures/summary.ts';
import type { FormFigures } from '../../domain/report/columns.ts';
import type { FormRow } from '../../types/views.ts';
import type { Database } from '../db/index.ts';
import { summaries } from './summary.ts';
import { listUnits, type UnitInfo } from './units.ts';

export type { FormFigures, FormRow };

function figuresOf(s: Summary): FormFigures {
	return { received: s.received, resolved: s.resolved, pending: s.pending, withdrawn: s.withdrawn };
}

function minus(a: FormFigures, parts: FormFigures[]): FormFigures {
	const sub = <T extends Record<string, number>>(x: T, pick: (f: FormFigures) => T): T =>
		Object.fromEntries(
			Object.entries(x).map(([k, v]) => [
				k,
				v - parts.reduce((n, p) => n + (pick(p)[k] as number), 0)
			])
		) as T;
	return {
		received: sub(a.received, (f) => f.received),
		resolved: sub(a.resolved, (f) => f.resolved),
		pending: sub(a.pending, (f) => f.pending),
		withdrawn: a.withdrawn - parts.reduce((n, p) => n + p.withdrawn, 0)
	};
}

export async function receivedResolved(
	database: Database,
	unit: UnitInfo,
	from: string,
	to: string,
	now: Date
) {
	const children = await listUnits(database, { parent: unit.code });
	// One query for the unit and all its children (a two-level province has thousands).
	const all = await summaries(
		database,
		[unit, ...children.map((c) => ({ code: c.code, depth: unit.depth + 1 }))],
		from,
		to,
		now
	);
	const total = all.get(unit.code)!;
	const childRows: FormRow[] = children.map((c) => ({
		unit: c.code,
		name: c.name,
		...figuresOf(all.get(c.code)!)
	}));
	const own = minus(figuresOf(total), childRows);
	const rows: FormRow[] = [];
	if (own.received.total > 0 || own.resolved.total > 0 || own.pending.total > 0)
		rows.push({ unit: unit.code, name: unit.name, own: true, ...own });
	rows.push(...childRows);
	return { unit: unit.code, name: unit.name, from, to, rows, total: figuresOf(total) };
}

export type ReceivedResolved = Awaited<ReturnType<typeof receivedResolved>>;
