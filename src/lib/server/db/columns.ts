/** Column helpers shared by the schema files. */
import { integer, timestamp } from 'drizzle-orm/pg-core';

/** A timestamp with time zone, read as a Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One integer counter column, 0 by default, per name. */
export function counterColumns<const N extends readonly string[]>(names: N) {
	return Object.fromEntries(names.map((c) => [c, integer(c).notNull().default(0)])) as {
		[K in N[number]]: ReturnType<typeof integer>;
	};
}
