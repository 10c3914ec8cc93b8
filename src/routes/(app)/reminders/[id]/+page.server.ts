import { error } from '@sveltejs/kit';
import { langOf } from '$lib/client/i18n.ts';
import { ERROR_STRINGS } from '$lib/client/strings/errors.ts';
import { getApp } from '$lib/server/app.ts';
import { getReminder } from '$lib/server/queries/reminders.ts';
import { getUnit, inScope } from '$lib/server/queries/units.ts';
import type { PageServerLoad } from './$types';

/** A recorded reminder as the document the officer sends: the unit, the dossiers, their days late. */
export const load = (async ({ params, locals, url }) => {
	const app = await getApp();
	const rem = /^rem_[a-z2-7]{13}$/.test(params.id)
		? await getReminder(app.database, params.id)
		: null;
	const unit = rem ? await getUnit(app.database, rem.unit) : null;
	if (!rem || !unit || !inScope(unit, locals.user!.scopeCode))
		error(404, ERROR_STRINGS[langOf(url)].noReminder);
	return { reminder: rem };
}) satisfies PageServerLoad;
