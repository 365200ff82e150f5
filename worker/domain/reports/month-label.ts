const short = new Intl.DateTimeFormat('en', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const long = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 'YYYY-MM' as "Dec 26" (chart axis) or "December 2026" (tables). */
export function monthLabel(month: string, style: 'short' | 'long' = 'long'): string {
	return (style === 'short' ? short : long).format(Date.parse(`${month}-01T00:00:00Z`));
}
