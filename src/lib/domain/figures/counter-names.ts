/** The rollup counter columns, in order (see counters.ts). Kept import-free for the DB schema. */
export const COUNTERS = [
	'received',
	'direct',
	'online',
	'postal',
	'online_full',
	'digitized_intake',
	'resolved',
	'early',
	'on_time',
	'overdue',
	'digitized_result',
	'withdrawn',
	'rejected',
	'returned',
	'apologies',
	'supplements',
	'rated',
	'very_satisfied',
	'satisfied',
	'unsatisfied',
	'feedback_received',
	'feedback_resolved'
] as const;

export type Counter = (typeof COUNTERS)[number];
