/**
 * The figure columns of form II.06a in the official order, with their
 * Vietnamese headings grouped as on the form (the same order and headings as
 * the CSV/XLSX export of docs/api.md#supervision-table), for tables on screen and in print.
 */
import type { Summary } from '../figures/summary.ts';

export type FormFigures = Pick<Summary, 'received' | 'resolved' | 'pending' | 'withdrawn'>;

export type FormColumn = { heading: string; value: (f: FormFigures) => number };
export type FormGroup = { group: string; columns: FormColumn[] };

export const FORM_GROUPS: readonly FormGroup[] = [
	{
		group: 'Số hồ sơ nhận giải quyết',
		columns: [
			{ heading: 'Tổng số', value: (f) => f.received.total },
			{ heading: 'Trực tuyến', value: (f) => f.received.online },
			{ heading: 'Trực tiếp và bưu chính', value: (f) => f.received.direct + f.received.postal },
			{ heading: 'Kỳ trước chuyển qua', value: (f) => f.received.carriedOver }
		]
	},
	{
		group: 'Số hồ sơ đã giải quyết',
		columns: [
			{ heading: 'Tổng số', value: (f) => f.resolved.total },
			{ heading: 'Trước hạn', value: (f) => f.resolved.early },
			{ heading: 'Đúng hạn', value: (f) => f.resolved.onTime },
			{ heading: 'Quá hạn', value: (f) => f.resolved.overdue }
		]
	},
	{
		group: 'Số hồ sơ đang giải quyết',
		columns: [
			{ heading: 'Tổng số', value: (f) => f.pending.total },
			{ heading: 'Trong hạn', value: (f) => f.pending.withinDeadline },
			{ heading: 'Quá hạn', value: (f) => f.pending.overdue }
		]
	},
	{ group: 'Rút hồ sơ', columns: [{ heading: 'Rút hồ sơ', value: (f) => f.withdrawn }] }
];

/** The twelve figure columns in order, each with its group's heading (the export's column names). */
export const FORM_COLUMNS: readonly (FormColumn & { group: string })[] = FORM_GROUPS.flatMap((g) =>
	g.columns.map((c) => ({ ...c, group: g.group }))
);

/** English headings, by the same positions, for ?lang=en. */
export const FORM_GROUPS_EN: readonly { group: string; headings: string[] }[] = [
	{
		group: 'Dossiers to resolve',
		headings: ['Total', 'Online', 'Direct and postal', 'Carried over']
	},
	{ group: 'Resolved', headings: ['Total', 'Early', 'On time', 'Overdue'] },
	{ group: 'Pending', headings: ['Total', 'Within deadline', 'Overdue'] },
	{ group: 'Withdrawn', headings: ['Withdrawn'] }
];
