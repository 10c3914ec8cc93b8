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
