/**
 * Prometheus metrics (prom-client, the default registry), served by
 * `GET /metrics`. server.ts and the SvelteKit bundle each load their own copy
 * of this module, so every metric is created once and found again by name.
 */
import client from 'prom-client';
import { dbErrorCode, classifyDbError } from './db/errors.ts';

const register = client.register;
const PREFIX = 'motcua_';

function counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
	return (
		(register.getSingleMetric(PREFIX + name) as client.Counter<L> | undefined) ??
		new client.Counter<L>({ name: PREFIX + name, help, labelNames })
	);
}

function gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
	return (
		(register.getSingleMetric(PREFIX + name) as client.Gauge<L> | undefined) ??
		new client.Gauge<L>({ name: PREFIX + name, help, labelNames })
	);
}

function histogram<L extends string>(
	name: string,
	help: string,
	buckets: number[],
	labelNames: readonly L[] = []
) {
	return (
		(register.getSingleMetric(PREFIX + name) as client.Histogram<L> | undefined) ??
		new client.Histogram<L>({ name: PREFIX + name, help, buckets, labelNames })
	);
}

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metrics = {
	eventsAccepted: counter('events_accepted_total', 'Events accepted and stored'),
	eventsDuplicate: counter(
		'events_duplicate_total',
		'Events already accepted from the same source (changed nothing)'
	),
	eventsRejected: counter(
		'events_rejected_total',
		'Events in batches refused as a whole, by answer status',
		['status']
	),
	batchSeconds: histogram(
		'ingest_batch_seconds',
		'Time to answer an ingest batch, by answer status',
		SECONDS,
		['status']
	),
	lockWaitSeconds: histogram(
		'ingest_lock_wait_seconds',
		'Time a write transaction waited for the ingest lock',
		SECONDS
	),
	socketsConnected: gauge('sockets_connected', 'Live (socket.io) connections on this process'),
	fanoutSeconds: histogram(
		'feed_fanout_seconds',
		'Time from a batch commit to its feed emit on this process',
		SECONDS,
		['origin']
	),
	overdueAnnounced: counter(
		'overdue_announcements_total',
		'Dossiers announced as newly overdue by this process'
	),
	dbErrors: counter(
		'db_errors_total',
		'Database errors, by SQLSTATE (or driver code) and meaning',
		['code', 'kind']
	),
	httpRequests: histogram(
		'http_request_seconds',
		'HTTP requests answered by the app, by route and status',
		SECONDS,
		['method', 'route', 'status']
	),
	databaseUp: gauge('database_up', '1 while the database answers, 0 while it is unreachable')
};

export function countDbError(err: unknown): void {
	metrics.dbErrors.inc({ code: dbErrorCode(err) ?? 'unknown', kind: classifyDbError(err) });
}

const DEFAULTS = Symbol.for('motcua-live.metrics.defaults');
const g = globalThis as { [DEFAULTS]?: boolean };
if (!g[DEFAULTS]) {
	g[DEFAULTS] = true;
	client.collectDefaultMetrics({ register });
}

export function metricsText(): Promise<string> {
	return register.metrics();
}

export const METRICS_CONTENT_TYPE = register.contentType;
