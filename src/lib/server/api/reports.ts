/** GET /api/v1/reports/received-resolved?unit=&from=&to=&format=json|csv|xlsx (docs/api.md#supervision-table). */
import type { App } from '../app.ts';
import { toCsv, toXlsx } from '../export/received-resolved.ts';
import { receivedResolved } from '../queries/received-resolved.ts';
import { actorOf, audit } from '../auth/audit.ts';
import {
	handle,
	HttpError,
	json,
	problem,
	requirePeriod,
	requireReader,
	requireUnitInScope
} from './http.ts';

export function getReceivedResolved(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const url = new URL(request.url);
		const principal = await requireReader(app, request);
		const format = url.searchParams.get('format') ?? 'json';
		if (!['json', 'csv', 'xlsx'].includes(format))
			throw new HttpError(problem(400, '`format` must be json, csv or xlsx'));
		const period = requirePeriod(url);
		const unit = await requireUnitInScope(app, principal, url.searchParams.get('unit'));
		const t = await receivedResolved(app.database, unit, period.from, period.to, app.now());
		const file = `II06a_${unit.code}_${period.from}_${period.to}`;
		if (format !== 'json') {
			const ip = request.headers.get('x-forwarded-for')?.split(',')[0].trim() || null;
			await audit(app.database, {
				actor: actorOf(principal),
				action: 'export',
				target: `${url.pathname}${url.search}`,
				ip,
				detail: { report: 'II.06a', unit: unit.code, from: period.from, to: period.to, format }
			});
		}
		if (format === 'csv') {
			return new Response(toCsv(t), {
				headers: {
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': `attachment; filename="${file}.csv"`,
					'cache-control': 'no-store'
				}
			});
		}
		if (format === 'xlsx') {
			return new Response(new Uint8Array(await toXlsx(t)), {
				headers: {
					'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
					'content-disposition': `attachment; filename="${file}.xlsx"`,
					'cache-control': 'no-store'
				}
			});
		}
		const { rows, total } = t;
		return json(200, {
			unit: t.unit,
			from: t.from,
			to: t.to,
			rows: rows.map(({ own: _own, ...r }) => r),
			total
		});
	});
}
