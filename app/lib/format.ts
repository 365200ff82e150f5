import { currencyDigits } from '../../worker/domain/money';

/** Display helpers shared by pages. Dates are ISO 'YYYY-MM-DD' or epoch ms. */
export function formatDate(value: string | number | null | undefined): string {
	if (value === null || value === undefined || value === '') return '—';
	const date = typeof value === 'number' ? new Date(value) : new Date(`${value}T00:00:00Z`);
	return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(ms: number | null | undefined): string {
	if (!ms) return '—';
	return new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) + ' UTC';
}

/** Integer minor units -> "$1,234.50" style, never through floats beyond display. */
export function formatMoney(minor: number, currency: string): string {
	const digits = currencyDigits(currency);
	const major = minor / 10 ** digits;
	return new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major);
}

export function formatMinutes(minutes: number): string {
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	return h ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}
