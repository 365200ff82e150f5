import { RECURRING_FREQUENCIES, type RecurringFrequency } from '../../../db/schema';
import { addDays, isRealDate } from '../calendar';
import { AppError, type FieldErrors } from '../errors';
import { parseQuoteInput, type QuoteDraft } from '../quotes/quote-input';

export type RecurringDraft = {
	clientId: string;
	projectId: string | null;
	lines: QuoteDraft;
	frequency: RecurringFrequency;
	startDate: string;
	endDate: string | null;
	maxCount: number | null;
	dueDays: number;
};

const text = (v: unknown) =>
	typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
const MAX_DUE_DAYS = 365;
const MAX_COUNT = 1000;

/**
 * A recurring invoice as typed: the lines, discount, tax and notes of each invoice (the same
 * wire format and rules as a quote's: `items.N.description|quantity|unitPrice`), the title,
 * the frequency, the start date (today or later: nothing is invoiced for the past), an optional
 * end date or number of invoices, and the payment terms (days after each period starts).
 * Every problem is a field error, reported together.
 */
export function parseRecurringInput(
	raw: unknown,
	opts: { defaultCurrency: string; today: string; allowPastStart?: boolean }
): RecurringDraft {
	const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const fields: FieldErrors = {};
	let lines: QuoteDraft | undefined;
	try {
		lines = parseQuoteInput({ ...input, expiresOn: undefined }, opts.defaultCurrency);
		if (lines.items.some((i) => i.optional)) fields.items = 'A recurring invoice has no optional lines.';
	} catch (e) {
		const error = e as AppError;
		if (!error.fields) throw e;
		Object.assign(fields, error.fields);
		if (fields.title) fields.title = 'Give it a title, like "Monthly retainer" (up to 200 characters).';
	}
	const clientId = text(input.clientId);
	if (!clientId) fields.clientId = 'Choose a client.';
	const frequency = text(input.frequency) as RecurringFrequency;
	if (!RECURRING_FREQUENCIES.includes(frequency))
		fields.frequency = 'Choose how often: weekly, monthly, every 3 months or yearly.';
	const startDate = text(input.startDate);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || !isRealDate(startDate))
		fields.startDate = 'Enter the first invoice date, like 2026-12-01.';
	else if (!opts.allowPastStart && startDate < opts.today)
		fields.startDate = 'Start today or later: past periods are not invoiced.';
	const endDate = text(input.endDate) || null;
	if (endDate && (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || !isRealDate(endDate)))
		fields.endDate = 'Enter a real date like 2027-12-31, or leave it empty.';
	else if (endDate && startDate && endDate < startDate)
		fields.endDate = 'The end date cannot be before the start date.';
	const countText = text(input.maxCount);
	const maxCount = countText ? Number(countText) : null;
	if (maxCount !== null && (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > MAX_COUNT))
		fields.maxCount = `Enter a whole number of invoices from 1 to ${MAX_COUNT}, or leave it empty.`;
	if (endDate && maxCount !== null && !fields.endDate && !fields.maxCount)
		fields.maxCount = 'Choose an end date or a number of invoices, not both.';
	const dueText = text(input.dueDays);
	const dueDays = dueText ? Number(dueText) : 14;
	if (!Number.isInteger(dueDays) || dueDays < 0 || dueDays > MAX_DUE_DAYS)
		fields.dueDays = `Enter a whole number of days from 0 to ${MAX_DUE_DAYS}.`;
	if (Object.keys(fields).length || !lines)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });
	return {
		clientId,
		projectId: text(input.projectId) || null,
		lines,
		frequency,
		startDate,
		endDate,
		maxCount,
		dueDays
	};
}

/** The payment terms of one period's invoice: due `dueDays` after the period starts, but never already overdue when it is made (a late run). */
export function dueDateFor(periodStart: string, dueDays: number, today: string): string {
	const due = addDays(periodStart, dueDays);
	return due < today ? today : due;
}
