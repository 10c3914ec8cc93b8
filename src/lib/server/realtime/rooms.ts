/**
 * `subscribe` / `unsubscribe` (docs/api.md#live). A socket follows one unit at a
 * time: it sits in `unit:<CODE>` (the subtree's feed) and in the figure room
 * of its period and metric. The unit must exist and lie in the caller's scope.
 */
import { z } from 'zod';
import { isValidDay } from '../../domain/figures/period.ts';
import { METRICS } from '../../domain/figures/metrics.ts';
import { isSafeText } from '../../domain/text/safe.ts';
import { getUnit, inScope } from '../queries/units.ts';
import type { Coalescer } from './coalesce.ts';
import type { Pending } from './pending.ts';
import { catchUp, type ResumeDeps } from './resume.ts';
import { figureRoom, type Subscribers } from './subscribers.ts';
import { unitRoom, type LiveSocket, type SubscribeAck, type Subscription } from './types.ts';
import { errorFields, logger } from '../log.ts';

const Day = z.string().refine(isValidDay, 'must be a real date YYYY-MM-DD between 1990 and 2100');

export const SubscribeMessage = z.object({
	unit: z.string().min(1).max(32).refine(isSafeText, 'must be valid Unicode without NUL'),
	since: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullish(),
	period: z
		.object({ from: Day, to: Day })
		.refine((p) => p.from <= p.to, '`from` must not be after `to`')
		.nullish(),
	metric: z.enum(METRICS).nullish()
});

export type RoomDeps = ResumeDeps & {
	subscribers: Subscribers;
	coalescer: Coalescer;
	pending: Pending;
};

function describe(error: z.ZodError): string {
	return error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
}

function replier(ack: unknown): (r: SubscribeAck) => void {
	return typeof ack === 'function' ? (ack as (r: SubscribeAck) => void) : () => {};
}

/** Leave the current unit and figure rooms, if any. */
function leave(d: RoomDeps, socket: LiveSocket): void {
	const s = socket.data.subscription;
	if (!s) return;
	socket.data.subscription = null;
	d.subscribers.remove(s);
	void socket.leave(unitRoom(s.unit.code));
	void socket.leave(figureRoom(s));
}

async function subscribe(
	d: RoomDeps,
	socket: LiveSocket,
	raw: unknown,
	reply: (r: SubscribeAck) => void
): Promise<void> {
	const generation = ++socket.data.generation;
	const current = () => socket.connected && socket.data.generation === generation;
	const parsed = SubscribeMessage.safeParse(raw);
	if (!parsed.success)
		return reply({ ok: false, error: `invalid subscribe message: ${describe(parsed.error)}` });
	const msg = parsed.data;
	const unit = await getUnit(d.database, msg.unit);
	if (!current()) return reply({ ok: false, error: 'superseded by a later subscribe' });
	if (!unit) return reply({ ok: false, error: `unknown unit "${msg.unit}"` });
	const scope = socket.data.principal.scopeCode;
	if (!inScope(unit, scope))
		return reply({ ok: false, error: `unit "${msg.unit}" is outside your scope (${scope})` });

	leave(d, socket);
	const sub: Subscription = { unit, period: msg.period ?? null, metric: msg.metric ?? 'onTime' };
	const done = await catchUp(d, socket, unit.code, msg.since ?? undefined, current, () => {
		socket.data.subscription = sub;
		void socket.join([unitRoom(unit.code), d.subscribers.add(sub)]);
	});
	if (!done) return reply({ ok: false, error: 'superseded by a later subscribe' });
	reply(done.resync ? { ok: true, seq: done.seq, resync: true } : { ok: true, seq: done.seq });
	void d.coalescer.initial(socket, sub);
}

export function handleSubscriptions(d: RoomDeps, socket: LiveSocket): void {
	socket.data.generation = 0;
	socket.data.subscription = null;
	socket.on('subscribe', (raw, ack) => {
		const reply = replier(ack);
		d.pending.track(subscribe(d, socket, raw, reply)).catch((err) => {
			if (socket.connected) logger.warn({ err: errorFields(err) }, 'realtime: subscribe failed');
			reply({ ok: false, error: 'the live feed is unavailable right now; retry later' });
		});
	});
	socket.on('unsubscribe', (msg, ack) => {
		socket.data.generation++;
		leave(d, socket);
		replier(typeof msg === 'function' ? msg : ack)({ ok: true, seq: d.fanout.highWater });
	});
	socket.on('disconnect', () => leave(d, socket));
}
