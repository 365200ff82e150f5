/** Calendar dates: 'YYYY-MM-DD' text, as stored and as <input type="date"> sends them. */

/**
 * Today's date where the workspace is (its IANA time zone, UTC when unset or unknown). It decides
 * when an invoice is overdue, a quote expires, a task is due soon and which day time is logged on.
 */
export function todayIn(timezone: string | null | undefined, now: number): string {
	const zone = timezone || 'UTC';
	if (zone === 'UTC') return utcDay(now);
	// Formatting in a zone costs tens of microseconds, and a page asks several times: the day is
	// remembered for the quarter hour it was asked in (see QUARTER_HOUR_MS).
	const quarter = Math.floor(now / QUARTER_HOUR_MS);
	const known = lastDays.get(zone);
	if (known?.quarter === quarter) return known.day;
	let day: string;
	try {
		day = dayFormat(zone).format(now);
	} catch {
		return utcDay(now);
	}
	lastDays.set(zone, { quarter, day });
	return day;
}

/**
 * Every zone's UTC offset is a whole number of quarter hours (+05:45, +12:45 included), and it
 * changes at a local whole or half hour, so at a UTC quarter hour: within one quarter hour of UTC
 * time the local date cannot change. calendar.test.ts checks it against Intl across transitions.
 */
export const QUARTER_HOUR_MS = 15 * 60_000;
const lastDays = new Map<string, { quarter: number; day: string }>();

function utcDay(now: number): string {
	return new Date(now).toISOString().slice(0, 10);
}

// Building an Intl formatter costs far more than formatting with one (it showed in the
// profile of every portal page): one per time zone, made on first use. An unknown zone
// throws in the constructor and is never stored, so the map holds real zones only.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
	let format = dayFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		dayFormats.set(timeZone, format);
	}
	return format;
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
