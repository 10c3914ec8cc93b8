/**
 * `cli calendar list [--year YYYY]` / `cli calendar set YYYY-MM-DD off|working [--note TEXT]` /
 * `cli calendar remove YYYY-MM-DD`: the admin's working-day calendar overrides.
 * Overrides apply to dossiers received afterwards (dueAt is computed at ingest and stored).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { localDay } from '../lib/domain/calendar/index.ts';
import { audit } from '../lib/server/auth/audit.ts';
import {
	calendarOfYear,
	DaySchema,
	parseSet,
	removeOverride,
	setOverride,
	YearSchema
} from '../lib/server/calendar/overrides.ts';
import { UsageError, type CommandGroup } from './usage.ts';

const SOURCE_LABEL = { announced: 'announced', rules: 'rules', override: 'override' } as const;

/** zod errors (Vietnamese messages) as a UsageError. */
function parsed<T>(fn: () => T): T {
	try {
		return fn();
	} catch (err) {
		if (err instanceof z.ZodError)
			throw new UsageError(err.issues.map((i) => i.message).join('; '));
		throw err;
	}
}

const group: CommandGroup = {
	usage: `  calendar list [--year YYYY]                         the year's days off / make-up days: day<TAB>off|working<TAB>source<TAB>name<TAB>detail
  calendar set YYYY-MM-DD off|working [--note TEXT]   add or replace an override (applies to dossiers received afterwards)
  calendar remove YYYY-MM-DD                          remove an override`,
	async run(app, args) {
		const [action, ...rest] = args;
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: { year: { type: 'string' }, note: { type: 'string' } }
		});
		switch (action) {
			case 'list': {
				if (positionals.length > 0)
					throw new UsageError(
						`calendar list takes no positional arguments (got "${positionals.join(' ')}")`
					);
				if (values.note !== undefined) throw new UsageError('--note is only for calendar set');
				const year = parsed(() => YearSchema.parse(values.year ?? localDay(app.now()).slice(0, 4)));
				const cal = await calendarOfYear(app.database, year);
				for (const d of cal.days) {
					const name = d.overridden ? `${d.name} (thay đổi bởi ngày bổ sung)` : d.name;
					console.log([d.day, d.kind, SOURCE_LABEL[d.source], name, d.detail ?? ''].join('\t'));
				}
				if (cal.days.length === 0) console.error(`no days off or make-up days in ${year}`);
				return 0;
			}
			case 'set': {
				if (values.year !== undefined) throw new UsageError('--year is only for calendar list');
				const [day, kind, ...extra] = positionals;
				if (!day || !kind || extra.length > 0)
					throw new UsageError('calendar set needs YYYY-MM-DD and off|working');
				const input = parsed(() => parseSet({ day, kind, note: values.note }));
				const { override, previous } = await setOverride(app.database, input);
				await audit(app.database, {
					actor: 'cli',
					action: 'calendar.set',
					target: override.day,
					detail: {
						kind: override.kind,
						note: override.note,
						previous: previous ? { kind: previous.kind, note: previous.note } : null
					}
				});
				console.log(
					`${previous ? 'replaced' : 'set'} ${override.day} ${override.kind}${override.note ? ` (${override.note})` : ''}; applies to dossiers received from now on`
				);
				return 0;
			}
			case 'remove': {
				if (values.year !== undefined || values.note !== undefined)
					throw new UsageError('calendar remove takes only YYYY-MM-DD');
				const [day, ...extra] = positionals;
				if (!day || extra.length > 0)
					throw new UsageError('calendar remove needs exactly one YYYY-MM-DD');
				const d = parsed(() => DaySchema.parse(day));
				const removed = await removeOverride(app.database, d);
				if (!removed) throw new UsageError(`no override on ${d}`);
				await audit(app.database, {
					actor: 'cli',
					action: 'calendar.remove',
					target: d,
					detail: { kind: removed.kind, note: removed.note }
				});
				console.log(`removed ${d} ${removed.kind}`);
				return 0;
			}
			default:
				throw new UsageError(
					action ? `unknown command "calendar ${action}"` : 'calendar needs list, set or remove'
				);
		}
	}
};
export default group;
