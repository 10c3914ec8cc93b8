/**
 * What a report says about unit mergers (table unit_mergers, see
 * server/units/mergers.ts): the predecessors merged into the unit after the
 * first day of the period (the part of the period before the merger is
 * aggregated from their history; chains of mergers included), and the unit
 * this one was itself merged into, if any.
 */
import type { Database } from '../db/index.ts';
import { mergersAround, type MergerNote } from './mergers.ts';
import type { MergerNoteRow } from '../../types/views.ts';

export type { MergerNoteRow };
export type MergerNotes = {
	predecessors: MergerNoteRow[];
	mergedInto: { code: string; name: string; effectiveDate: string } | null;
};

const row = (m: MergerNote): MergerNoteRow => ({
	oldCode: m.oldCode,
	oldName: m.oldName,
	effectiveDate: m.effectiveDate
});

export async function mergerNotes(
	database: Database,
	unitCode: string,
	from: string
): Promise<MergerNotes> {
	const { predecessors, successor } = await mergersAround(database, unitCode);
	return {
		predecessors: predecessors.filter((m) => m.effectiveDate > from).map(row),
		mergedInto: successor
			? { code: successor.newCode, name: successor.newName, effectiveDate: successor.effectiveDate }
			: null
	};
}
