/** Longest single entry: a day. */
export const MAX_ENTRY_MINUTES = 24 * 60;

/**
 * What people type for a duration, in whole minutes: "90" (minutes),
 * "1:30" (hours:minutes), or "1h 30m" / "2h" / "45m". Null when it is none of these.
 */
export function parseDuration(text: string): number | null {
	const s = text.trim().toLowerCase();
	let m: RegExpExecArray | null;
	if ((m = /^(\d{1,5})$/.exec(s))) return Number(m[1]);
	if ((m = /^(\d{1,3}):([0-5]\d)$/.exec(s))) return Number(m[1]) * 60 + Number(m[2]);
	if ((m = /^(?:(\d{1,3})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,4})\s*m(?:in(?:ute)?s?)?)?$/.exec(s)) && (m[1] || m[2]))
		return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
	return null;
}

/** Minutes as the duration field shows them: "1:30". */
export function durationInput(minutes: number): string {
	return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
