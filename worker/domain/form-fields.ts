import { z } from 'zod';

/**
 * Field schemas shared by forms and the JSON API. Form posts send strings
 * (an empty input is ''), JSON may send null or leave a key out: both mean
 * "nothing", so blanks become null before validation.
 */
const blankToNull = (value: unknown) => {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
	return value;
};

/** A required line of text, trimmed; `what` completes "Enter …". */
export function requiredText(what: string, max: number) {
	return z
		.string({ error: `Enter ${what}.` })
		.trim()
		.min(1, `Enter ${what}.`)
		.max(max, `Keep it under ${max} characters.`);
}

/** Optional text: blank becomes null. */
export function optionalText(max: number) {
	return z.preprocess(
		blankToNull,
		z.string({ error: 'Enter text.' }).max(max, `Keep it under ${max} characters.`).nullable()
	);
}

/** An optional calendar date, 'YYYY-MM-DD' (what <input type="date"> sends); blank becomes null. */
export function optionalDate() {
	return z.preprocess(blankToNull, z.iso.date({ error: 'Enter a date like 2026-12-31.' }).nullable());
}

/** A checkbox: a form sends 'on' when ticked and nothing otherwise; JSON sends a boolean. */
export function checkbox() {
	return z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
}

/** One of a fixed set of values, with a message people understand. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
	return z.enum(values, { error: message });
}

/** An id of a row (the row itself is checked in scope by the use case). */
export function idField(message: string) {
	return z.string({ error: message }).trim().min(1, message).max(64, message);
}

/** An optional website: blank is null; a bare domain gets https:// in front. */
export function optionalWebsite() {
	return z.preprocess(
		(v) => {
			const value = blankToNull(v);
			return typeof value === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(value) ? `https://${value}` : value;
		},
		z
			.url({ protocol: /^https?$/, error: 'Enter a web address like https://example.com.' })
			.max(300, 'Keep it under 300 characters.')
			.nullable()
	);
}

/** Text people search with: trimmed, bounded; bad values fall back to no search. */
export const searchText = z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 100) : ''), z.string());

/**
 * PATCH semantics: the fields sent replace the current ones, the others stay.
 * Non-object input counts as "nothing sent" (the schema then reports what is missing).
 */
export function mergeInput<T extends object>(current: T, input: unknown): Record<string, unknown> {
	const sent = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
	return { ...current, ...sent };
}
