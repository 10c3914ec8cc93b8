/**
 * The server side of bench/live-load.ts, in its own process (pinned to one
 * core there): the app on DATABASE_URL with the live hub (socket.io and its
 * Postgres adapter, as in production) and POST /api/v1/events through the
 * production handler. GET /bench/memory answers this process's memory.
 * Prints `listening <port>` when ready.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppFromEnv } from '../src/lib/server/app.ts';
import { postEvents } from '../src/lib/server/api/events.ts';
import { attachRealtime } from '../src/lib/server/realtime/index.ts';

const app = await createAppFromEnv();
const server = createServer(async (req, res) => {
	if (req.url === '/bench/memory') {
		res.setHeader('content-type', 'application/json');
		return res.end(JSON.stringify(process.memoryUsage()));
	}
	if (req.method !== 'POST' || req.url !== '/api/v1/events') {
		res.statusCode = 404;
		return res.end();
	}
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	const request = new Request(`http://bench${req.url}`, {
		method: 'POST',
		headers: req.headers as Record<string, string>,
		body: Buffer.concat(chunks)
	});
	const response = await postEvents(app, request);
	res.statusCode = response.status;
	res.setHeader('content-type', 'application/json');
	res.end(Buffer.from(await response.arrayBuffer()));
});
const hub = await attachRealtime(server, app, {
	figuresIntervalMs: Number(process.env.BENCH_FIGURES_MS ?? 250)
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
console.log(`listening ${(server.address() as AddressInfo).port}`);
process.on('SIGTERM', async () => {
	server.closeAllConnections();
	await hub.close();
	await app.close();
	process.exit(0);
});
