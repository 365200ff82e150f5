/** Calendar dates: 'YYYY-MM-DD' text, as stored and as <input type="date"> sends them. */

/**
 * Today's date where the workspace is (its IANA time zone, UTC when unset or unknown). It decides
 * when an invoice is overdue, a quote expires, a task is due soon and which day time is logged on.
 */
export function todayIn(timezone: string | null | undefined, now: number): string {
	try {
		return new Intl.DateTimeFormat('en-CA', { timeZone: timezone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
	} catch {
		return new Date(now).toISOString().slice(0, 10);
	}
}

/** Whether a 'YYYY-MM-DD' string names a day that exists (no 2026-02-30). */
export function isRealDate(date: string): boolean {
	const ms = Date.parse(`${date}T00:00:00Z`);
	return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(date);
}

/** The date `days` after (or before, when negative) a calendar date. */
export function addDays(date: string, days: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
