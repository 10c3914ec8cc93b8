/** Dates in exported documents: dd/MM/yyyy HH:mm, Vietnam time (the client's formats, without the browser). */
import { localIso } from '../../domain/calendar/days.ts';

export function fmtDateTimeVi(t: string | Date): string {
	const s = localIso(new Date(t));
	return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} ${s.slice(11, 16)}`;
}
