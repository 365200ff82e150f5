import { currencyDigits } from './money';

/**
 * How dates, times, money and durations are written everywhere: pages, emails and PDFs
 * (the UI imports it as `$lib/format`, a re-export). Pure: no database code. Dates are ISO 'YYYY-MM-DD' or epoch ms.
 * Intl formatters are built once and reused: constructing one (which is what
 * toLocaleDateString and a fresh Intl.NumberFormat do on every call) costs far
 * more than formatting, and a list page formats hundreds of values.
 */
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export function formatDate(value: string | number | null | undefined): string {
	if (value === null || value === undefined || value === '') return '—';
	const date = typeof value === 'number' ? new Date(value) : new Date(`${value}T00:00:00Z`);
	// format() throws on an invalid date where toLocaleDateString said so: keep saying so.
	return Number.isNaN(date.getTime()) ? 'Invalid Date' : dateFormat.format(date);
}

export function formatDateTime(ms: number | null | undefined): string {
	if (!ms) return '—';
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? 'Invalid Date' : dateTimeFormat.format(date) + ' UTC';
}

type MoneyFormat = { digits: number; format: Intl.NumberFormat };
const moneyFormats = new Map<string, MoneyFormat>();

/** One formatter per currency code (a handful per workspace), built on first use; an unknown code throws as Intl does. */
export function moneyFormat(currency: string): MoneyFormat {
	const hit = moneyFormats.get(currency);
	if (hit) return hit;
	const digits = currencyDigits(currency);
	const made = { digits, format: new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }) };
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
