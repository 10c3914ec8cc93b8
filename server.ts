/**
 * Production entry: one HTTP server for the SvelteKit app (adapter-node's
 * handler); the live socket.io hub joins this same server. Node 24 runs this
 * file directly (type stripping).
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { createAppOrExplain, setApp, type App } from './src/lib/server/app.ts';
import { classifyDbError, isDbError } from './src/lib/server/db/errors.ts';
import { errorFields, logger } from './src/lib/server/log.ts';
import { countDbError } from './src/lib/server/metrics.ts';
import { gracefulStop, trackRequests } from './src/lib/server/shutdown.ts';

// The process never dies of a database error (a restart, a dropped connection): it is logged and counted,
// and the next query reconnects. Anything else that escapes is a bug: logged, and the process exits.
process.on('unhandledRejection', (reason) => {
	if (isDbError(reason) || classifyDbError(reason) === 'unavailable') countDbError(reason);
	logger.error({ err: errorFields(reason) }, 'unhandled rejection');
});
process.on('uncaughtException', (err) => {
	if (isDbError(err) || classifyDbError(err) === 'unavailable') {
		countDbError(err);
		logger.error({ err: errorFields(err) }, 'database error outside a request; continuing');
		return;
	}
	logger.fatal({ err: errorFields(err) }, 'uncaught exception');
	process.exit(1);
});

// A full batch of 5,000 events must fit (adapter-node's default limit is 512 KB).
process.env.BODY_SIZE_LIMIT ??= '6M';
// Without ORIGIN, adapter-node assumes https and SvelteKit's CSRF check would refuse the login form on a
// plain-http start: take the protocol from X-Forwarded-Proto (a TLS proxy sets it), else this server's own, http.
const setProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (setProtocol) process.env.PROTOCOL_HEADER = 'x-forwarded-proto';

if (!existsSync(new URL('./build/handler.js', import.meta.url))) {
	console.error(
		'build/ is missing: run `npm run build` (or `npm start`, which builds when needed)'
	);
	process.exit(1);
}

const opened = await createAppOrExplain();
if (!opened) process.exit(1);
const app: App = opened;
setApp(app);

const { handler } = await import(new URL('./build/handler.js', import.meta.url).href);
const { attachRealtime } = await import('./src/lib/server/realtime/index.ts');
const { startDemo } = await import('./src/lib/server/demo/index.ts');
const { startOverdueTicker } = await import('./src/lib/server/overdue/ticker.ts');
const server = createServer((req, res) => {
	if (setProtocol && !req.headers['x-forwarded-proto']) req.headers['x-forwarded-proto'] = 'http';
	handler(req, res);
});
const requests = trackRequests(server);
const hub = await attachRealtime(server, app);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

await new Promise<void>((resolve) => server.listen(port, host, resolve));
console.log(
	`Một Cửa Live: http://${host === '0.0.0.0' ? 'localhost' : host}:${port} (${app.database.kind})`
);
// On an empty database: the demo province (history, then a live feed), unless DEMO=0.
const demo = await startDemo(app);
const ticker = startOverdueTicker(app);
{
	// First run: an admin for the top unit, its password printed once (never a fixed default).
	const { ensureFirstAdmin } = await import('./src/lib/server/auth/login.ts');
	const { topUnitCodes } = await import('./src/lib/server/queries/units.ts');
	const [top] = await topUnitCodes(app.database);
	const admin = top ? await ensureFirstAdmin(app.database, top) : null;
	if (admin) console.log(`Tài khoản quản trị (in một lần): ${admin.username} / ${admin.password}`);
}

/** SIGTERM / SIGINT: a graceful stop (shutdown.ts), and at most 5 s whatever happens. */
let closing = false;
async function shutdown(signal: string) {
	if (closing) return;
	closing = true;
	logger.info({ signal }, 'stopping');
	setTimeout(() => {
		logger.warn('shutdown: still running after 4.8 s; exiting');
		process.exit(0);
	}, 4800).unref();
	await gracefulStop({ server, requests, hub, app, background: [demo, ticker] });
	process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
