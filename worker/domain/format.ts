import { QUARTER_HOUR_MS } from './calendar';
import { currencyDigits } from './money';

/**
 * How dates, times, money and durations are written everywhere: pages, emails and PDFs
 * (the UI imports it as `$lib/format`, a re-export). Pure: no database code. Dates are ISO 'YYYY-MM-DD' or epoch ms.
 * Intl formatters are built once and reused: constructing one (which is what
 * toLocaleDateString and a fresh Intl.NumberFormat do on every call) costs far
 * more than formatting, and a list page formats hundreds of values.
 */
type ZoneFormats = { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat; dateTimeSeconds: Intl.DateTimeFormat };
const zoneFormats = new Map<string, ZoneFormats>();

/**
 * The formatters of one IANA time zone, built on first use (a handful per Worker). An
 * unknown zone falls back to UTC, which the output then names, so a time is never shown
 * without saying which zone it is in.
 */
function formatsFor(timeZone: string): ZoneFormats {
	const hit = zoneFormats.get(timeZone);
	if (hit) return hit;
	let made: ZoneFormats;
	try {
		const base = { day: 'numeric', month: 'short', year: 'numeric', timeZone } as const;
		made = {
			date: new Intl.DateTimeFormat('en-GB', base),
			dateTime: new Intl.DateTimeFormat('en-GB', {
				...base,
				hour: '2-digit',
				minute: '2-digit',
				timeZoneName: 'short'
			}),
			dateTimeSeconds: new Intl.DateTimeFormat('en-GB', {
				...base,
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit',
				timeZoneName: 'short'
			})
		};
	} catch {
		return formatsFor('UTC');
	}
	zoneFormats.set(timeZone, made);
	return made;
}

/**
 * A calendar date ('YYYY-MM-DD', shown as it is) or the day of an instant (epoch ms)
 * in `timeZone`: the day it was where the reader is, not in UTC.
 */
export function formatDate(value: string | number | null | undefined, timeZone = 'UTC'): string {
	if (value === null || value === undefined || value === '') return '—';
	const isDay = typeof value === 'string';
	// A list formats the same days again and again, and format() was the largest part of the
	// portal home's own code in the profile. A day string always reads the same; an instant's
	// day cannot change within a UTC quarter hour (calendar.ts QUARTER_HOUR_MS).
	const key = isDay ? value : `${timeZone}|${Math.floor(value / QUARTER_HOUR_MS)}`;
	const known = formattedDays.get(key);
	if (known !== undefined) return known;
	const date = isDay ? new Date(`${value}T00:00:00Z`) : new Date(value);
	// format() throws on an invalid date where toLocaleDateString said so: keep saying so.
	const text = Number.isNaN(date.getTime()) ? 'Invalid Date' : formatsFor(isDay ? 'UTC' : timeZone).date.format(date);
	if (formattedDays.size >= FORMATTED_DAYS_KEPT) formattedDays.clear();
	formattedDays.set(key, text);
	return text;
}

const FORMATTED_DAYS_KEPT = 4096;
const formattedDays = new Map<string, string>();

/** An instant in `timeZone`, with the zone's name: "23 Nov 2026, 14:05 CET" (seconds for audit trails). */
export function formatDateTime(
	ms: number | null | undefined,
	timeZone = 'UTC',
	opts: { seconds?: boolean } = {}
): string {
	if (!ms) return '—';
	const date = new Date(ms);
	if (Number.isNaN(date.getTime())) return 'Invalid Date';
	const formats = formatsFor(timeZone);
	return (opts.seconds ? formats.dateTimeSeconds : formats.dateTime).format(date);
}

type MoneyFormat = { digits: number; format: Intl.NumberFormat };
const moneyFormats = new Map<string, MoneyFormat>();

/** One formatter per currency code (a handful per workspace), built on first use; an unknown code throws as Intl does. */
export function moneyFormat(currency: string): MoneyFormat {
	const hit = moneyFormats.get(currency);
	if (hit) return hit;
	const digits = currencyDigits(currency);
	const made = {
		digits,
		format: new Intl.NumberFormat('en', {
			style: 'currency',
			currency,
			minimumFractionDigits: digits,
			maximumFractionDigits: digits
		})
	};
	moneyFormats.set(currency, made);
	return made;
}

/** Integer minor units -> "$1,234.50" style, never through floats beyond display. */
export function formatMoney(minor: number, currency: string): string {
	const { digits, format } = moneyFormat(currency);
	return format.format(minor / 10 ** digits);
}

export function formatMinutes(minutes: number): string {
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	return h ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}
