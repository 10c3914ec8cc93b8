/** One day of a unit's trend series (sums of the rollups for that local day). */
export type DayPoint = {
	day: string;
	received: number;
	direct: number;
	online: number;
	postal: number;
	resolved: number;
	early: number;
	onTime: number;
	overdue: number;
	rated: number;
	satisfied: number;
};

/** A day without any dossier (the trends show every day of their span). */
export const emptyDayPoint = (day: string): DayPoint => ({
	day,
	received: 0,
	direct: 0,
	online: 0,
	postal: 0,
	resolved: 0,
	early: 0,
	onTime: 0,
	overdue: 0,
	rated: 0,
	satisfied: 0
});
