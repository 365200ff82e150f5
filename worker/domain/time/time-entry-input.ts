import { z } from 'zod';
import { addDays, isRealDate } from '../calendar';
import { isCurrency, parseMoney } from '../money';
import type { Workspace } from '../scope';
import { MAX_ENTRY_MINUTES, parseDuration } from './duration';

/** Highest hourly rate accepted, in minor units (keeps minutes * rate far inside safe integers). */
const MAX_RATE_MINOR = 1_000_000_000;

/**
 * Checkboxes arrive as "on" (forms) or booleans (JSON); absent means no. A form that posts a hidden
 * "off" before the checkbox sends both when ticked: the last value wins.
 */
const checkboxValue = z.preprocess(
	(v) => (Array.isArray(v) ? v.at(-1) : v),
	z.union([z.boolean(), z.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'])]).optional()
);
const isOn = (v: unknown) => v === true || v === 'on' || v === 'true' || v === '1' || v === 'yes';
export const checkbox = checkboxValue.transform(isOn);
/** The same, but absent stays absent (undefined), for a default decided elsewhere. */
const optionalCheckbox = checkboxValue.transform((v) => (v === undefined ? undefined : isOn(v)));

const description = z
	.string({ error: 'Describe the work.' })
	.trim()
	.min(1, 'Describe the work.')
	.max(500, 'Keep the description under 500 characters.');
const rateText = z
	.union([z.string(), z.number()])
	.optional()
	.transform((v) => (v === undefined ? undefined : String(v).trim()))
	.refine(
		(v) => v === undefined || v === '' || /^\d[\d,\s]*(\.\d+)?$/.test(v),
		'Enter an hourly rate like 120 or 95.50.'
	);
const currencyText = z
	.string()
	.trim()
	.toUpperCase()
	.optional()
	.refine((v) => !v || isCurrency(v), 'Enter a 3-letter currency code like USD.');

/**
 * Defaults for a new entry (log or timer): the hourly rate of the project, else the workspace's
 * (in the workspace's default currency). A rate left out takes it; billable left out is on exactly
 * when the entry has a rate.
 */
export type EntryDefaults = { rateMinor: number | null };

/** The typed rate in minor units of the chosen currency (the workspace's by default). */
function hourlyRate(
	v: { rate?: string; currency?: string },
	workspace: Workspace,
	ctx: z.RefinementCtx,
	defaults?: EntryDefaults
): { rateMinor: number; currency: string } | null {
	const currency = v.currency || workspace.defaultCurrency;
	if (v.rate === undefined && defaults?.rateMinor != null && currency === workspace.defaultCurrency)
		return { rateMinor: defaults.rateMinor, currency };
	const rateMinor = !v.rate ? 0 : parseMoney(v.rate, currency);
	if (rateMinor === null || rateMinor < 0 || rateMinor > MAX_RATE_MINOR) {
		ctx.addIssue({
			code: 'custom',
			path: ['rate'],
			message: rateMinor === null ? `Enter the rate in ${currency}, e.g. 95.50.` : 'That rate is too high.'
		});
		return null;
	}
	return { rateMinor, currency };
}

/** The fields of a time entry as typed (form) or sent (JSON), before money and dates are checked. */
export function timeEntrySchema(
	workspace: Workspace,
	opts: { today: string; minMinutes: number; defaults?: EntryDefaults }
) {
	return z
		.object({
			date: z
				.string({ error: 'Enter the date of the work.' })
				.trim()
				.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD.')
				.refine(isRealDate, 'That is not a real date.')
				.refine((v) => v >= '2000-01-01', 'That date is too far in the past.')
				.refine((v) => v <= addDays(opts.today, 1), 'Time cannot be logged for a future date.'),
			duration: z
				.union([z.string(), z.number()], { error: 'Enter how long you worked, e.g. 90 or 1:30.' })
				.transform((v, ctx) => {
					const minutes = typeof v === 'number' ? (Number.isInteger(v) ? v : null) : parseDuration(v);
					if (minutes === null) {
						ctx.addIssue({ code: 'custom', message: 'Enter minutes (90) or hours:minutes (1:30).' });
						return z.NEVER;
					}
					if (minutes < opts.minMinutes) {
						ctx.addIssue({ code: 'custom', message: 'Enter at least 1 minute.' });
						return z.NEVER;
					}
					if (minutes > MAX_ENTRY_MINUTES) {
						ctx.addIssue({ code: 'custom', message: 'One entry can be at most 24 hours.' });
						return z.NEVER;
					}
					return minutes;
				}),
			description,
			billable: optionalCheckbox,
			rate: rateText,
			currency: currencyText
		})
		.transform((v, ctx) => {
			const rate = hourlyRate(v, workspace, ctx, opts.defaults);
			if (!rate) return z.NEVER;
			return {
				date: v.date,
				minutes: v.duration,
				description: v.description,
				billable: v.billable ?? (opts.defaults ? rate.rateMinor > 0 : false),
				...rate
			};
		});
}

/** The fields a running timer starts with. */
export function timerSchema(workspace: Workspace, defaults?: EntryDefaults) {
	return z
		.object({
			projectId: z.string().trim().min(1, 'Choose a project.'),
			description,
			billable: optionalCheckbox,
			rate: rateText,
			currency: currencyText
		})
		.transform((v, ctx) => {
			const rate = hourlyRate(v, workspace, ctx, defaults);
			if (!rate) return z.NEVER;
			return {
				projectId: v.projectId,
				description: v.description,
				billable: v.billable ?? (defaults ? rate.rateMinor > 0 : false),
				...rate
			};
		});
}
