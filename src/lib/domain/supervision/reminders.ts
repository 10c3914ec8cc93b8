/**
 * Reminders (đôn đốc): how they were sent, and what they achieved — of the
 * dossiers reminded, how many were resolved since and how fast (median
 * working days from the reminder to the resolution, the working-day
 * calendar's days after the reminder's day up to the resolution's).
 */
import { workingDaysLate } from '../report/lateness.ts';
import type { Calendar } from '../calendar/working-days.ts';

export const REMINDER_CHANNELS = ['phone', 'document', 'message'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

export const CHANNEL_LABELS: Record<ReminderChannel, { vi: string; en: string }> = {
	phone: { vi: 'Điện thoại', en: 'Phone' },
	document: { vi: 'Văn bản', en: 'Official letter' },
	message: { vi: 'Tin nhắn', en: 'Message' }
};

/** One reminded dossier: when it was first reminded, and its resolution if any came after. */
export type Reminded = { remindedAt: Date; resolvedAt: Date | null };

export type ReminderEffect = {
	reminded: number;
	resolvedSince: number;
	medianWorkingDays: number | null;
};

/** Lower median (nearest-rank 50 %) of the working days from reminder to resolution. */
export function reminderEffect(
	calendar: Pick<Calendar, 'isWorkingDay'>,
	rows: readonly Reminded[]
): ReminderEffect {
	const days = rows
		.filter((r) => r.resolvedAt !== null && r.resolvedAt.getTime() >= r.remindedAt.getTime())
		.map((r) => workingDaysLate(calendar, r.remindedAt, r.resolvedAt!))
		.sort((a, b) => a - b);
	return {
		reminded: rows.length,
		resolvedSince: days.length,
		medianWorkingDays: days.length ? days[Math.ceil(days.length / 2) - 1] : null
	};
}

/** "đã nhắc 2 ngày trước" / "đã nhắc hôm nay". */
export function remindedWords(remindedAt: Date, now: Date, lang: 'vi' | 'en' = 'vi'): string {
	const days = Math.floor((now.getTime() - remindedAt.getTime()) / 86_400_000);
	if (lang === 'en')
		return days <= 0
			? 'reminded today'
			: days === 1
				? 'reminded yesterday'
				: `reminded ${days} days ago`;
	return days <= 0 ? 'đã nhắc hôm nay' : `đã nhắc ${days} ngày trước`;
}
