import { and, eq, isNull } from 'drizzle-orm';
import { clients, projects, recurringInvoices } from '../../../db/schema';
import { formatMoney } from '../format';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { withSavedTaxRate } from '../billing/saved-tax-rate';
import { todayIn } from '../calendar';
import { AppError } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { generateRecurringInvoices } from './generate-recurring-invoices';
import { FREQUENCY_LABELS } from './periods';
import { parseRecurringInput } from './recurring-input';
import { recurringColumns } from './recurring-rows';

/** The client (active) and project (theirs, optional) of a recurring invoice, checked in scope. */
export async function recurringParties(scope: Scope, clientId: string, projectId: string | null) {
	const db = scope.services.db;
	const [clientRows, projectRows] = await db.batch([
		db
			.select({ id: clients.id, name: clients.name })
			.from(clients)
			.where(and(staffScope(clients, scope), eq(clients.id, clientId), isNull(clients.archivedAt))),
		db
			.select({ id: projects.id })
			.from(projects)
			.where(and(staffScope(projects, scope), eq(projects.id, projectId ?? '-'), eq(projects.clientId, clientId)))
	]);
	const fields: Record<string, string> = {};
	if (!clientRows[0]) fields.clientId = 'Choose one of your active clients.';
	if (projectId && !projectRows[0]) fields.projectId = "Choose one of this client's projects, or none.";
	if (Object.keys(fields).length)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });
	return clientRows[0];
}

/**
 * Staff set up a recurring invoice: the invoice sent every period from the start date (the cron,
 * generate-recurring-invoices.ts, makes and emails each period's invoice once). A schedule starting
 * today gets its first invoice right after the response.
 */
export async function createRecurringInvoice(opts: Scope & { input: unknown }) {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const { input, taxName } = await withSavedTaxRate(opts, opts.input);
	const now = services.clock.now();
	const draft = parseRecurringInput(input, {
		defaultCurrency: workspace.defaultCurrency,
		today: todayIn(workspace.timezone, now)
	});
	const client = await recurringParties(opts, draft.clientId, draft.projectId);
	const id = newId('rec');
	const columns = recurringColumns(draft, taxName);
	await services.db.batch([
		services.db.insert(recurringInvoices).values({
			id,
			workspaceId: workspace.id,
			clientId: client.id,
			...columns,
			frequency: draft.frequency,
			startDate: draft.startDate,
			status: 'active',
			nextPeriodIndex: 0,
			nextIssueOn: draft.startDate,
			createdByUserId: staff.userId,
			createdAt: now,
			updatedAt: now
		}),
		activityInsert(opts, {
			verb: 'recurring_invoice.created',
			summary: `Set up "${columns.title}" for ${client.name}: ${FREQUENCY_LABELS[draft.frequency].toLowerCase()}, ${formatMoney(columns.totalMinor, columns.currency)}, from ${draft.startDate}`,
			clientId: client.id,
			projectId: draft.projectId,
			subjectType: 'recurring_invoice',
			subjectId: id
		})
	]);
	services.defer(() => generateRecurringInvoices({ services, scheduleId: id }));
	return { id };
}
