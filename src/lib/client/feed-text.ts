/** How a live-feed line reads: its icon and its detail ("trực tuyến — Đăng ký khai sinh"). */
import type { Strings } from './i18n.ts';

/** Plain symbols every system font has (no emoji font is needed on a wall PC). */
export const FEED_ICON: Record<string, string> = {
	'dossier.received': '↓',
	'dossier.resolved': '✓',
	'dossier.returned': '↑',
	'dossier.withdrawn': '↩',
	'dossier.rejected': '✕',
	'dossier.rated': '★',
	'dossier.rescheduled': '⟳',
	'dossier.supplement_requested': '+',
	'feedback.received': '✉',
	'feedback.resolved': '✉',
	'dossier.overdue': '!'
};

export const feedIcon = (type: string): string => FEED_ICON[type] ?? '•';

const CHANNEL: Record<string, 'online' | 'direct' | 'postal'> = {
	online: 'online',
	direct: 'direct',
	postal: 'postal'
};

/** The channel (for a receipt) and the procedure, joined by a dash; '' when neither is known. */
export function feedDetail(
	r: { type: string; channel: string | null; procedureName: string | null },
	s: Strings
): string {
	const bits: string[] = [];
	if (r.type === 'dossier.received' && r.channel && CHANNEL[r.channel])
		bits.push(s[CHANNEL[r.channel]].toLowerCase());
	if (r.procedureName) bits.push(r.procedureName);
	return bits.join(' — ');
}
