const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far ahead of UTC the zone's wall clock is at `ms` (negative west of Greenwich). */
function offsetAt(zone: string, ms: number): number {
	let format = offsetFormats.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		offsetFormats.set(zone, format);
	}
	const p = Object.fromEntries(format.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
	return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant (ms) a calendar day 'YYYY-MM-DD' starts in an IANA zone, so timestamps can be
 * grouped by the zone's days and months in SQL. Two passes settle a DST change between the
 * guess and the answer; an unknown zone counts as UTC.
 */
export function startOfDayIn(date: string, zone: string): number {
	const wall = Date.parse(`${date}T00:00:00Z`);
	try {
		const first = wall - offsetAt(zone, wall);
		return wall - offsetAt(zone, first);
	} catch {
		return wall;
	}
}

/** 'YYYY-MM' shifted by n months. */
export function addMonths(month: string, n: number): string {
	const [y, m] = month.split('-').map(Number);
	const total = y * 12 + (m - 1) + n;
	return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
