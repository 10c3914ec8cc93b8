/** GET /api/v1/feed?unit=CODE[&after=SEQ] — readable latest events of a subtree (unit and procedure names). */
import type { App } from '../app.ts';
import { feedAfter, recentFeed } from '../queries/feed.ts';
import { handle, HttpError, json, problem, requireReader, requireUnitInScope } from './http.ts';

export function getFeed(app: App, request: Request): Promise<Response> {
	return handle(request, async () => {
		const url = new URL(request.url);
		const principal = await requireReader(app, request);
		const unit = await requireUnitInScope(app, principal, url.searchParams.get('unit'));
		const after = url.searchParams.get('after');
		if (after !== null && !(/^\d{1,16}$/.test(after) && Number.isSafeInteger(Number(after)))) {
			throw new HttpError(problem(400, '`after` must be a seq number (a whole number below 2^53)'));
		}
		const items =
			after === null
				? await recentFeed(app.database, unit.code, 30)
				: await feedAfter(app.database, unit.code, Number(after), 50);
		return json(200, { items });
	});
}
