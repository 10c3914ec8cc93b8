/** The working-day calendar: local days (UTC+7), lunar dates, holidays, announced schedules, deadlines. */
export {
	addDays,
	dayOfWeek,
	localDay,
	localDayStart,
	localTimeOfDayMinutes,
	localTimeOfDayMs,
	toDayNumber,
	fromDayNumber
} from './days.ts';
export {
	solarToLunar,
	lunarToSolar,
	lunarMonthLength,
	VIETNAM_TIME_ZONE,
	type LunarDate,
	type SolarDate
} from './lunar.ts';
export {
	holidaysOfYear,
	HOLIDAY_NAMES,
	compensatoryName,
	type Holiday,
	type HolidayRuleOptions
} from './holidays.ts';
export { announcedSchedule, ANNOUNCED_SCHEDULES, type AnnouncedSchedule } from './schedules.ts';
export {
	createCalendar,
	EXTRA_DAY_OFF_NAME,
	type Calendar,
	type CalendarOverrides
} from './working-days.ts';
