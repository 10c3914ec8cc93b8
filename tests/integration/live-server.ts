/** A real HTTP server with the live hub attached, on a free loopback port, for the realtime suites. */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../src/lib/server/app.ts';
import { attachRealtime, type Hub, type HubOptions } from '../../src/lib/server/realtime/index.ts';

export type Live = { server: HttpServer; hub: Hub; url: string; stop(): Promise<void> };

export async function startLive(app: App, options: HubOptions = {}): Promise<Live> {
	const server = createServer();
	const hub = await attachRealtime(server, app, options);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { server, hub, url, stop: async () => (server.closeAllConnections(), await hub.close()) };
}
