import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { createCalendar, localDay } from '$lib/domain/calendar/index.ts';
import { addDays, dayOfWeek } from '$lib/domain/calendar/days.ts';
import { getApp } from '$lib/server/app.ts';
import { fill, langOf } from '$lib/client/i18n.ts';
import { FORM_STRINGS } from '$lib/client/strings/forms.ts';
import { adminContext, parseForm, record, refuse } from '$lib/server/auth/admin-forms.ts';
import { requireAdmin } from '$lib/server/auth/guard.ts';
import {
	CALENDAR_SCHEMAS,
	calendarOfYear,
	listOverrides,
	removeOverride,
	setOverride
} from '$lib/server/calendar/overrides.ts';
import type { Actions, PageServerLoad } from './$types';

/** One cell of the month grid. */
type GridDay = {
	day: string;
	weekday: number;
	working: boolean;
	holiday: string | null;
	override: 'off' | 'working' | null;
};

export const load = (async ({ locals, url }) => {
	const lang = langOf(url);
	requireAdmin(locals.user, lang);
	const app = await getApp();
	const raw = url.searchParams.get('year');
	const parsed = CALENDAR_SCHEMAS[lang].year.safeParse(raw ?? localDay(app.now()).slice(0, 4));
	if (!parsed.success)
		error(400, fill(FORM_STRINGS[lang].badYear, { reason: parsed.error.issues[0].message }));
	const year = parsed.data;
	const [cal, overrides] = await Promise.all([
		calendarOfYear(app.database, year),
		listOverrides(app.database, year)
	]);
	const calendar = createCalendar({
		daysOff: overrides.filter((o) => o.kind === 'off').map((o) => o.day),
		workingDays: overrides.filter((o) => o.kind === 'working').map((o) => o.day)
	});
	const kindOf = new Map(overrides.map((o) => [o.day, o.kind]));
	const grid: GridDay[] = [];
	for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
		grid.push({
			day: d,
			weekday: (dayOfWeek(d) + 6) % 7,
			working: calendar.isWorkingDay(d),
			holiday: calendar.holidayName(d),
			override: kindOf.get(d) ?? null
		});
	}
	return { year, source: cal.source, days: cal.days, overrides, grid, today: localDay(app.now()) };
}) satisfies PageServerLoad;

const Remove = {
	vi: z.object({ day: CALENDAR_SCHEMAS.vi.day }),
	en: z.object({ day: CALENDAR_SCHEMAS.en.day })
};

export const actions = {
	set: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(CALENDAR_SCHEMAS[ctx.lang].set, ctx.form);
		if (!p.ok) return p.failure;
		const { override, previous } = await setOverride(ctx.database, p.data);
		await record(ctx, 'calendar.set', override.day, {
			kind: override.kind,
			note: override.note,
			previous: previous ? { kind: previous.kind, note: previous.note } : null
		});
		return { saved: { day: override.day, kind: override.kind } };
	},
	remove: async (event) => {
		const ctx = await adminContext(event);
		const p = parseForm(Remove[ctx.lang], ctx.form);
		if (!p.ok) return p.failure;
		const removed = await removeOverride(ctx.database, p.data.day);
		if (!removed) return refuse(404, ctx.m.noOverride, { day: p.data.day }, 'day');
		await record(ctx, 'calendar.remove', removed.day, { kind: removed.kind, note: removed.note });
		return { removed: removed.day };
	}
} satisfies Actions;
