import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getApp } from '$lib/server/app.ts';
import { authorizeDisplay, displayData } from '$lib/server/queries/display.ts';
import type { PageServerLoad } from './$types';

/** `?rotate=SECONDS` between panels: 0 keeps the map, else 5 s to 1 h; 20 s by default. */
const Rotate = z.coerce
	.number({ error: 'rotate phải là một số giây' })
	.int('rotate phải là số giây nguyên')
	.refine(
		(v) => v === 0 || (v >= 5 && v <= 3600),
		'rotate phải là 0 (không xoay) hoặc từ 5 đến 3600 giây'
	)
	.default(20);

/** A wall display: `/display/CODE?key=KEY` with a display (or read) key whose scope holds CODE; no login. */
export const load = (async ({ params, url, setHeaders }) => {
	const token = url.searchParams.get('key');
	const rotate = Rotate.safeParse(url.searchParams.get('rotate') ?? undefined);
	if (!rotate.success) error(400, rotate.error.issues[0].message);
	const app = await getApp();
	const access = await authorizeDisplay(app, token, params.code);
	if (!access.ok) error(access.status, access.message);
	setHeaders({ 'cache-control': 'no-store' });
	return { ...(await displayData(app, access.unit)), key: token!, rotateSeconds: rotate.data };
}) satisfies PageServerLoad;
