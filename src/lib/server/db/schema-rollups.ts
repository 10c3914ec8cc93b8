/** The counter tables of the schema (schema.ts re-exports them): what every figure is summed from. */
import { date, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { BREAKDOWN_COUNTERS } from '../../domain/figures/breakdown-counters.ts';
import { COUNTERS } from '../../domain/figures/counter-names.ts';
import { HOUR_COUNTERS } from '../../domain/figures/hours.ts';
import { counterColumns, ts } from './columns.ts';

/**
 * Counters by (unit or any ancestor of the receiving unit, grain, bucket): each change is added to its
 * local day's row (grain 'd'), its month's ('m', keyed by the 1st) and its year's ('y', keyed by 1 January),
 * so any span of days and any running total is a handful of rows (domain/figures/grains.ts).
 */
export const rollups = pgTable(
	'rollups',
	{
		unit: text('unit').notNull(),
		grain: text('grain').notNull().default('d'),
		day: date('day', { mode: 'string' }).notNull(),
		...counterColumns(COUNTERS)
	},
	(t) => [primaryKey({ columns: [t.unit, t.grain, t.day] })]
);

/**
 * The point-in-time counters by (unit or any ancestor, hour): the same contributions as their day rows, keyed
 * by the UTC start of the hour holding each instant, so that "now" inside today reads the dossiers of the rest
 * of the current hour only (domain/figures/hours.ts).
 */
export const hourRollups = pgTable(
	'hour_rollups',
	{
		unit: text('unit').notNull(),
		hour: ts('hour').notNull(),
		...counterColumns(HOUR_COUNTERS)
	},
	(t) => [primaryKey({ columns: [t.unit, t.hour] })]
);

/**
 * The report's breakdown counters by (ancestor of the receiving unit — not the unit itself —, grain, bucket,
 * field, procedure), each change added to its day, month and year rows like `rollups`
 * (domain/figures/breakdown-counters.ts). '' stands for a dossier without a field or procedure code.
 */
export const breakdownRollups = pgTable(
	'breakdown_rollups',
	{
		unit: text('unit').notNull(),
		grain: text('grain').notNull(),
		day: date('day', { mode: 'string' }).notNull(),
		field: text('field').notNull(),
		procedure: text('procedure').notNull(),
		...counterColumns(BREAKDOWN_COUNTERS)
	},
	(t) => [primaryKey({ columns: [t.unit, t.grain, t.day, t.field, t.procedure] })]
);

/** The name of each field and procedure code ('f' or 'p'): the greatest name any dossier gave it, as the breakdown shows. */
export const breakdownNames = pgTable(
	'breakdown_names',
	{
		kind: text('kind').notNull(),
		code: text('code').notNull(),
		name: text('name').notNull()
	},
	(t) => [primaryKey({ columns: [t.kind, t.code] })]
);
