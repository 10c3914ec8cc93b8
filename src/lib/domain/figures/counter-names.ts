/**
 * The rollup counter columns, in order (see counters.ts). Kept import-free for
 * the DB schema. Stored contributions refer to counters by their index: new
 * counters are appended, never inserted or reordered.
 */
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
	'feedback_resolved',
	// Point-in-time figures as prefix sums (open-counts.ts).
	'open_in',
	'open_out',
	'due_in',
	'due_out',
	// Anomaly flags of the dossiers received that day (dossier/flags.ts: flag_<FLAG>).
	'flagged',
	'flag_phantom_overdue',
	'flag_no_apology',
	'flag_many_supplements',
	'flag_late_sync',
	// Online dossiers by where the citizen last rated them (report section VII), on their receipt day.
	'online_rated_online',
	'online_rated_counter',
	'online_rated_qr',
	'online_unrated',
	// The national scoreboard's progress group (scoreboard.ts): dossiers with more than one supplement request
	// count as late. Those resolved early or on time (resolved day), and the open counters of open-counts.ts
	// for those dossiers alone (m = more than one supplement request).
	'timely_multi',
	'mopen_in',
	'mopen_out',
	'mdue_in',
	'mdue_out',
	// Overdue attribution (dossier/attribution.ts), on the resolution day: resolved late for a synchronisation
	// reason, and resolved in time but synchronised late (judged overdue meanwhile).
	'overdue_sync',
	'late_sync_resolved',
	// The report's late list (queries/report-late.ts), on the resolution day: resolved late without an apology
	// letter (flag no_apology), and resolved late with more than one supplement request (flag many_supplements).
	'overdue_no_apology',
	'overdue_many'
] as const;

export type Counter = (typeof COUNTERS)[number];
