/**
 * GET /metrics — Prometheus text format. With METRICS_TOKEN set, it needs
 * `Authorization: Bearer <METRICS_TOKEN>`; without it, it answers only to
 * loopback callers (a scraper on the same machine, or behind the proxy).
 */
import { timingSafeEqual } from 'node:crypto';
import { METRICS_CONTENT_TYPE, metricsText } from '../metrics.ts';
import { bearerToken } from '../auth/principal.ts';
import { problem } from './http.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameSecret(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export async function getMetrics(
	request: Request,
	clientAddress: string,
	token = process.env.METRICS_TOKEN
): Promise<Response> {
	if (token) {
		const given = bearerToken(request);
		if (!given || !sameSecret(given, token))
			return problem(401, 'metrics need `Authorization: Bearer <METRICS_TOKEN>`');
	} else if (!LOOPBACK.test(clientAddress)) {
		return problem(403, 'metrics answer only on loopback unless METRICS_TOKEN is set');
	}
	return new Response(await metricsText(), {
		headers: { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }
	});
}
