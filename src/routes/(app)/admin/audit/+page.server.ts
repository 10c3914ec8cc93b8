import { z } from 'zod';
import { getApp } from '$lib/server/app.ts';
import { auditActions, listAudit } from '$lib/server/queries/audit.ts';
import { requireAdmin } from '$lib/server/auth/guard.ts';
import type { PageServerLoad } from './$types';

const PAGE = 50;
const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+07:00`)))
	.optional()
	.catch(undefined);
const text = z.string().trim().max(100).optional().catch(undefined);

const Filter = z.object({
	action: z
		.string()
		.trim()
		.regex(/^[a-z_.]{1,64}$/)
		.optional()
		.catch(undefined),
	actor: text,
	q: text,
	from: day,
	to: day,
	before: z.coerce.number().int().positive().optional().catch(undefined)
});

/** Newest first, 50 a page (keyset on the id: `?before=ID`); days are local (UTC+7). */
export const load = (async ({ locals, url }) => {
	requireAdmin(locals.user);
	const { database } = await getApp();
	const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''));
	const f = Filter.parse(raw);
	const rows = await listAudit(database, {
		action: f.action,
		actor: f.actor || undefined,
		q: f.q || undefined,
		from: f.from ? new Date(`${f.from}T00:00:00+07:00`) : undefined,
		to: f.to ? new Date(`${f.to}T23:59:59.999+07:00`) : undefined,
		beforeId: f.before,
		limit: PAGE + 1
	});
	const more = rows.length > PAGE;
	const entries = rows.slice(0, PAGE);
	return {
		filter: {
			action: f.action ?? '',
			actor: f.actor ?? '',
			q: f.q ?? '',
			from: f.from ?? '',
			to: f.to ?? ''
		},
		paged: f.before !== undefined,
		entries: entries.map((e) => ({
			id: e.id,
			at: e.at,
			actor: e.actor,
			action: e.action,
			target: e.target,
			ip: e.ip,
			detail: e.detail ? JSON.stringify(e.detail) : null
		})),
		nextBefore: more ? entries[entries.length - 1].id : null,
		actions: await auditActions(database)
	};
}) satisfies PageServerLoad;
