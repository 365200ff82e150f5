import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { parseInput } from '../errors';
import { isCurrency } from '../money';
import { nameText } from '../names';
import type { Scope } from '../scope';
import { timeZoneSchema } from '../time-zones';

// Well-formed codes Intl does not know (XXQ) are refused too, where the runtime can list them.
const KNOWN_CURRENCIES = new Set<string>(
	typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []
);
const knownCurrency = (code: string) => isCurrency(code) && (KNOWN_CURRENCIES.size === 0 || KNOWN_CURRENCIES.has(code));

/** Longest gap between two automatic reminders of one overdue invoice. */
const MAX_CADENCE_DAYS = 60;

const inputSchema = z.object({
	name: nameText('Enter the workspace name.', 80),
	defaultCurrency: z
		.string({ error: 'Choose a currency.' })
		.trim()
		.toUpperCase()
		.refine(knownCurrency, 'Choose a currency, like USD or NGN.'),
	// The form posts a hidden "off" before the checkbox's "on": the last value wins. Omitted (an API call
	// that only renames) keeps the current setting.
	overdueReminders: z.preprocess(
		(v) => (Array.isArray(v) ? v.at(-1) : v),
		z
			.union([
				z.boolean(),
				z
					.enum(['on', 'off', 'true', 'false'], { error: 'Choose on or off.' })
					.transform((v) => v === 'on' || v === 'true')
			])
			.optional()
	),
	// Omitted (an API call that only renames) keeps the current zone.
	timezone: timeZoneSchema.optional(),
	reminderCadenceDays: z.preprocess(
		(v) => (typeof v === 'string' ? (v.trim() === '' ? Number.NaN : Number(v.trim())) : v),
		z
			.number({ error: `Enter a number of days from 1 to ${MAX_CADENCE_DAYS}.` })
			.int(`Enter a whole number of days from 1 to ${MAX_CADENCE_DAYS}.`)
			.min(1, `Enter a number of days from 1 to ${MAX_CADENCE_DAYS}.`)
			.max(MAX_CADENCE_DAYS, `Enter a number of days from 1 to ${MAX_CADENCE_DAYS}.`)
			.optional()
	)
});

/**
 * Owners rename the workspace, set the currency new quotes and invoices start with, its time zone
 * (dates and times are shown in it; "today" for due dates and expiry is its today), and whether
 * (and how often) clients are reminded about overdue invoices (invoices/remind-overdue-invoices.ts).
 */
export async function updateWorkspaceSettings(opts: Scope & { input: unknown }) {
	const owner = requireOwner(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const { services, workspace } = opts;
	const db = services.db;
	await db.batch([
		db
			.update(workspaces)
			.set({
				name: input.name,
				defaultCurrency: input.defaultCurrency,
				...(input.overdueReminders === undefined ? {} : { overdueReminders: input.overdueReminders }),
				...(input.reminderCadenceDays === undefined ? {} : { reminderCadenceDays: input.reminderCadenceDays }),
				...(input.timezone === undefined ? {} : { timezone: input.timezone }),
				updatedAt: services.clock.now()
			})
			.where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, {
			verb: 'workspace.updated',
			summary: `${owner.name} updated the workspace settings`,
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
	return {
		name: input.name,
		defaultCurrency: input.defaultCurrency,
		timezone: input.timezone ?? workspace.timezone,
		overdueReminders: input.overdueReminders ?? workspace.overdueReminders,
		reminderCadenceDays: input.reminderCadenceDays ?? workspace.reminderCadenceDays
	};
}
