import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { AppError, parseInput } from '../errors';
import { optionalText } from '../form-fields';
import { parseMoney } from '../money';
import type { Scope } from '../scope';

/** Highest default hourly rate, as for time entries. */
const MAX_RATE_MINOR = 1_000_000_000;

const inputSchema = z.object({
	businessAddress: optionalText(500),
	taxId: optionalText(60),
	paymentInstructions: optionalText(2000),
	defaultHourlyRate: z.preprocess(
		(v) => (v === undefined || v === null ? '' : typeof v === 'number' ? String(v) : v),
		z.string({ error: 'Enter a rate like 95.50, or leave it empty.' }).trim().max(20, 'Enter a rate like 95.50.')
	)
});

/**
 * Owners set what every quote, invoice and receipt prints (address, tax ID, payment instructions
 * such as bank details) and the hourly rate new time entries start from (the workspace's default
 * currency; a project's own rate wins). An API call that leaves a field out clears it, like the form.
 */
export async function updateBusinessDetails(opts: Scope & { input: unknown }) {
	const owner = requireOwner(opts.actor);
	const input = parseInput(inputSchema, opts.input ?? {});
	const { services, workspace } = opts;
	const rate = input.defaultHourlyRate === '' ? null : parseMoney(input.defaultHourlyRate, workspace.defaultCurrency);
	if (input.defaultHourlyRate !== '' && (rate === null || rate < 0 || rate > MAX_RATE_MINOR)) {
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: {
				defaultHourlyRate: `Enter an hourly rate in ${workspace.defaultCurrency}, like 95.50, or leave it empty.`
			}
		});
	}
	const db = services.db;
	const values = {
		businessAddress: input.businessAddress,
		taxId: input.taxId,
		paymentInstructions: input.paymentInstructions,
		defaultHourlyRateMinor: rate
	};
	await db.batch([
		db
			.update(workspaces)
			.set({ ...values, updatedAt: services.clock.now() })
			.where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, {
			verb: 'workspace.billing_updated',
			summary: `${owner.name} updated the business details for invoices`,
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
	return values;
}
