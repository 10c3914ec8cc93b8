/**
 * `vite dev`: the live hub on the dev server's own HTTP server, on the same
 * App (database) the SvelteKit routes use — `getApp()` shares it through a
 * globalThis slot. Not in builds, previews or vitest (no HTTP server there).
 */
import type { Server as HttpServer } from 'node:http';
import type { Plugin } from 'vite';

export function realtimeDevPlugin(): Plugin {
	return {
		name: 'motcua-live:realtime',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer as HttpServer | null;
			if (!httpServer || process.env.VITEST) return;
			const [{ getApp }, { attachRealtime }] = await Promise.all([
				import('../app.ts'),
				import('./index.ts')
			]);
			// Vite's HMR websocket shares this server: leave upgrade requests of other paths alone.
			const hub = await attachRealtime(httpServer, await getApp(), { destroyUpgrade: false });
			httpServer.once(
				'close',
				() =>
					void hub
						.close()
						.catch((err) => console.error('realtime: close failed', (err as Error)?.message))
			);
		}
	};
}
