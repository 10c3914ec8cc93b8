import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { langOf } from '$lib/client/i18n.ts';
import { DISPLAY_STRINGS, type DisplayStrings } from '$lib/client/strings/display.ts';
import { getApp } from '$lib/server/app.ts';
import { authorizeDisplay, displayData } from '$lib/server/queries/display.ts';
import type { PageServerLoad } from './$types';

/** `?rotate=SECONDS` between panels: 0 keeps the map, else 5 s to 1 h; 20 s by default. */
const Rotate = {
	vi: rotateIn(DISPLAY_STRINGS.vi),
	en: rotateIn(DISPLAY_STRINGS.en)
};
function rotateIn(t: DisplayStrings) {
	return z.coerce
		.number({ error: t.rotateNumber })
		.int(t.rotateInteger)
		.refine((v) => v === 0 || (v >= 5 && v <= 3600), t.rotateRange)
		.default(20);
}

/** A wall display: `/display/CODE?key=KEY` with a display (or read) key whose scope holds CODE; no login. */
export const load = (async ({ params, url, setHeaders }) => {
	const lang = langOf(url);
	const token = url.searchParams.get('key');
	const rotate = Rotate[lang].safeParse(url.searchParams.get('rotate') ?? undefined);
	if (!rotate.success) error(400, rotate.error.issues[0].message);
	const app = await getApp();
	const access = await authorizeDisplay(app, token, params.code, lang);
	if (!access.ok) error(access.status, access.message);
	setHeaders({ 'cache-control': 'no-store' });
	return { ...(await displayData(app, access.unit)), key: token!, rotateSeconds: rotate.data };
}) satisfies PageServerLoad;
