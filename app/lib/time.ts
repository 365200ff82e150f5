import { page } from '$app/state';
import { formatDate as formatDateIn, formatDateTime as formatDateTimeIn } from '$domain/format';

/**
 * Dates and times for pages, in the viewer's time zone (their own, else the
 * workspace's), which both root layouts put in `page.data.timeZone`. Same names as
 * `$lib/format`'s, so a component imports these two from here and the rest from there.
 * Read during rendering only (like every `page` property on the server).
 */
export function viewerZone(): string {
	return (page.data as { timeZone?: string }).timeZone ?? 'UTC';
}

/** A calendar date as it is, or the day of an instant where the viewer is. */
export function formatDate(value: string | number | null | undefined): string {
	return formatDateIn(value, viewerZone());
}

/** An instant where the viewer is, with the zone's name ("23 Nov 2026, 14:05 CET"). */
export function formatDateTime(ms: number | null | undefined, opts: { seconds?: boolean } = {}): string {
	return formatDateTimeIn(ms, viewerZone(), opts);
}
