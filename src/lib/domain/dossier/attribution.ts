/**
 * Is an overdue dossier the unit's work or the data? (The Gia Lai question,
 * docs/domain.md#attribution: 61 % of the dossiers judged overdue on the national portal came
 * from slow or wrong synchronisation, 39 % from staff.)
 *
 * A dossier judged overdue — resolved after its first appointment, still
 * pending past it, or flagged `late_sync` (resolved in time, but the
 * resolution reached us after the appointment, so it was shown and announced
 * as overdue meanwhile) — is attributed to SYNCHRONISATION when
 *   - it is flagged `late_sync` or `phantom_overdue` (the result was handed to
 *     the citizen by the appointment, the resolution recorded after it or not
 *     at all: dossier/flags.ts), or
 *   - its resolution was recorded after the result was returned (an outcome
 *     that arrived after the fact);
 * and to PROCESSING otherwise.
 */
import type { Flag } from './flags.ts';

export type OverdueCause = 'sync' | 'processing';

export type AttributionInput = {
	flags: readonly (Flag | string)[];
	returnedAt: Date | string | null;
	resolvedAt: Date | string | null;
};

const ms = (t: Date | string | null) => (t === null ? null : new Date(t).getTime());

export function overdueCause(d: AttributionInput): OverdueCause {
	if (d.flags.includes('late_sync') || d.flags.includes('phantom_overdue')) return 'sync';
	const returned = ms(d.returnedAt);
	const resolved = ms(d.resolvedAt);
	if (returned !== null && resolved !== null && resolved > returned) return 'sync';
	return 'processing';
}

/** Whether the dossier counts as judged overdue at all (resolved late, or on time but synchronised late). */
export function judgedOverdue(d: { outcome: string | null; flags: readonly string[] }): boolean {
	return d.outcome === 'overdue' || d.flags.includes('late_sync');
}

export const CAUSE_RULE = {
	vi: 'Quá hạn do đồng bộ dữ liệu khi: kết quả giải quyết đến hệ thống sau hạn dù đã giải quyết kịp (đồng bộ trễ); đã trả kết quả cho công dân trước hạn nhưng ghi nhận giải quyết sau hạn hoặc chưa ghi nhận; hoặc ghi nhận giải quyết sau khi đã trả kết quả. Các trường hợp còn lại: do quá trình xử lý.',
	en: 'Overdue because of synchronisation when: the resolution reached us after the deadline although the dossier was resolved in time (late sync); the result was returned to the citizen by the deadline but the resolution was recorded after it or not at all; or the resolution was recorded after the result was returned. Otherwise: because of processing.'
} as const;
