// Pure (no database code): pages, emails and PDFs import it.

/** A status's tone; the UI maps it to a colour (`StatusBadge`), PDFs and emails use the words only. */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** How a status reads everywhere it is shown: badge, filter, email, PDF, activity line. */
export type StatusDisplay = { label: string; tone: Tone };

/** The words of a `{ label, tone }` map, for places that show no colour (filters, PDFs, activity). */
export function labelsOf<K extends string>(map: Record<K, StatusDisplay>): Record<K, string> {
	return Object.fromEntries(
		Object.entries<StatusDisplay>(map).map(([status, display]) => [status, display.label])
	) as Record<K, string>;
}
