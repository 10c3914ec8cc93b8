/**
 * Reminders (đôn đốc): POST /api/v1/reminders {unit, channel, reference?, text, dossiers: [codes] | "overdue"}
 * records one to a unit of the user's scope about some of its dossiers (or its whole overdue list);
 * GET /api/v1/reminders/ID?format=xlsx is the document to send. Signed-in users only.
 */
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { CHANNEL_LABELS, REMINDER_CHANNELS } from '../../domain/supervision/reminders.ts';
import { unsafeTextReason } from '../../domain/text/safe.ts';
import { fmtDateTimeVi } from '../export/format.ts';
import type { App } from '../app.ts';
import { actorOf, audit } from '../auth/audit.ts';
import { resolvePrincipal } from '../auth/principal.ts';
import { loadCalendar } from '../queries/calendar.ts';
import { watchlist } from '../queries/overdue.ts';
import { dossiersInSubtree, getReminder, recordReminder } from '../queries/reminders.ts';
import { getUnit, inScope } from '../queries/units.ts';
import { handle, HttpError, json, problem, requireUnitInScope } from './http.ts';

const safe = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `must be at most ${max} characters`)
		.refine((t) => unsafeTextReason(t) === null, 'must be valid text without NUL');
/** The body of POST /api/v1/reminders (also in the OpenAPI document, openapi.ts). */
export const New = z.object({
	unit: z.string().min(1).max(32),
	channel: z.enum(REMINDER_CHANNELS),
	reference: safe(100).optional(),
	text: safe(2000).pipe(z.string().min(1, 'is required')),
	dossiers: z.union([
		z.literal('overdue'),
		z.array(z.string().min(1).max(64)).min(1, 'name at least one dossier').max(1000)
	])
});

async function requireUser(app: App, request: Request) {
	const p = await resolvePrincipal(app.database, request);
	if (!p) throw new HttpError(problem(401, 'sign in to record a reminder'));
	if (p.kind !== 'user')
		throw new HttpError(problem(403, 'reminders are recorded by signed-in users, not API keys'));
	return p;
}

export function postReminder(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const user = await requireUser(app, request);
		const text = await request.text();
		if (text.length > 64 * 1024) throw new HttpError(problem(413, 'the body exceeds 64 KB'));
		let raw: unknown;
		try {
			raw = JSON.parse(text);
		} catch (err) {
			throw new HttpError(problem(400, `invalid JSON: ${(err as Error).message}`));
		}
		const r = New.safeParse(raw);
		if (!r.success) {
			const errors = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
			throw new HttpError(json(400, { error: `${errors[0].path}: ${errors[0].message}`, errors }));
		}
		const b = r.data;
		const unit = await requireUnitInScope(app, user, b.unit);
		const now = app.now();
		const codes =
			b.dossiers === 'overdue'
				? (await watchlist(app.database, unit.code, now, 0)).overdue.map((d) => d.dossier)
				: [...new Set(b.dossiers)];
		const found = await dossiersInSubtree(app.database, unit.code, codes);
		if (codes.length === 0)
			throw new HttpError(problem(400, `unit ${unit.code} has no overdue dossier to remind about`));
		const missing = codes.filter((c) => !found.some((f) => f.dossier === c));
		if (missing.length > 0)
			throw new HttpError(
				json(400, {
					error: `dossiers not found in ${unit.code}: ${missing.slice(0, 10).join(', ')}`,
					errors: missing.map((m) => ({
						path: 'dossiers',
						message: `no dossier "${m}" in ${unit.code}`
					}))
				})
			);
		const id = await recordReminder(
			app.database,
			{
				unit: unit.code,
				channel: b.channel,
				reference: b.reference || null,
				text: b.text,
				author: user.username,
				dossiers: found
			},
			await loadCalendar(app.database),
			now
		);
		await audit(app.database, {
			actor: actorOf(user),
			action: 'reminder.create',
			target: id,
			ip: null,
			detail: { unit: unit.code, channel: b.channel, dossiers: found.length }
		});
		return json(201, { id, url: `/reminders/${id}`, dossiers: found.length });
	});
}

/** The reminder list as a sheet the officer can send: the unit, the dossiers, their days late. */
export function getReminderFile(app: App, request: Request, id: string): Promise<Response> {
	return handle(request, async () => {
		const user = await requireUser(app, request);
		const rem = /^rem_[a-z2-7]{13}$/.test(id) ? await getReminder(app.database, id) : null;
		const unit = rem ? await getUnit(app.database, rem.unit) : null;
		if (!rem || !unit || !inScope(unit, user.scopeCode))
			throw new HttpError(problem(404, `no reminder "${id}" in your scope`));
		const format = new URL(request.url).searchParams.get('format') ?? 'json';
		if (format === 'json') return json(200, rem);
		if (format !== 'xlsx') throw new HttpError(problem(400, '`format` must be json or xlsx'));
		const wb = new ExcelJS.Workbook();
		wb.creator = 'Một Cửa Live';
		const ws = wb.addWorksheet('Đôn đốc', {
			pageSetup: {
				paperSize: 9,
				orientation: 'portrait',
				fitToPage: true,
				fitToWidth: 1,
				fitToHeight: 0
			}
		});
		ws.addRow([`Danh sách hồ sơ đề nghị ${rem.unitName} khẩn trương giải quyết`]).font = {
			bold: true,
			size: 13
		};
		ws.addRow([
			`Hình thức: ${CHANNEL_LABELS[rem.channel].vi}${rem.reference ? ` · Số: ${rem.reference}` : ''} · Người nhắc: ${rem.author} · Lúc: ${fmtDateTimeVi(rem.createdAt)}`
		]);
		ws.addRow([rem.text]);
		ws.addRow([]);
		const head = ws.addRow([
			'STT',
			'Mã hồ sơ',
			'Đơn vị',
			'Thủ tục',
			'Hạn giải quyết',
			'Số ngày trễ (ngày làm việc)'
		]);
		head.font = { bold: true };
		rem.dossiers.forEach((d, i) =>
			ws.addRow([
				i + 1,
				d.dossier,
				d.unitName,
				d.procedureName ?? '',
				d.firstDueAt ? fmtDateTimeVi(d.firstDueAt) : '',
				d.daysLate ?? ''
			])
		);
		ws.columns.forEach((c, i) => (c.width = [6, 28, 24, 44, 18, 14][i]));
		await audit(app.database, {
			actor: actorOf(user),
			action: 'export',
			target: `/api/v1/reminders/${id}?format=xlsx`,
			ip: null,
			detail: { reminder: id }
		});
		return new Response(new Uint8Array(await wb.xlsx.writeBuffer()), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': `attachment; filename="don_doc_${rem.unit}_${id}.xlsx"`,
				'cache-control': 'no-store'
			}
		});
	});
}
