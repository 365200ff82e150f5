import { and, eq, sql } from 'drizzle-orm';
import { clients, invoices } from '../../../db/schema';
import { formatMoney } from '../format';
import { requireStaff } from '../actor';
import { activityInsert } from '../activity/record-activity';
import { brandOf } from '../branding/brand';
import { AppError } from '../errors';
import { emailClientContacts } from '../notifications/notify';
import { chooseRecipients } from '../notifications/recipients';
import type { Scope } from '../scope';
import { failBatchWhen, isGuardFailure } from './batch-guard';
import { invoiceEmail } from './invoice-email';
import { formatInvoiceNumber } from './invoice-number';
import { todayIn } from '../calendar';
import { amountDue, isOverdue } from './invoice-status';
import { staffInvoice } from './invoice-parts';

/**
 * Sends an invoice with a link to it on the portal to the client contacts chosen
 * (`input.recipients`; by default the primary contact and those with portal access).
 * A draft becomes 'sent' (exactly once, even if two people click); an invoice
 * already sent and not fully paid is emailed again as a reminder.
 */
export async function sendInvoice(opts: Scope & { invoiceId: string; input?: unknown }) {
	requireStaff(opts.actor);
	const { db, clock, urls } = opts.services;
	const invoice = await staffInvoice(opts, opts.invoiceId);
	const number = formatInvoiceNumber(invoice.number);
	if (invoice.status === 'paid' || invoice.status === 'void')
		throw new AppError(
			'conflict',
			`${number} is ${invoice.status === 'paid' ? 'paid' : 'void'}; there is nothing to send.`
		);
	if (invoice.totalMinor <= 0)
		throw new AppError('conflict', 'Add at least one line with an amount before sending this invoice.');
	const recipients = await chooseRecipients(opts, invoice.clientId, opts.input);
	const reminder = invoice.status !== 'draft';
	const now = clock.now();
	const client = await db
		.select({ name: clients.name })
		.from(clients)
		.where(and(eq(clients.id, invoice.clientId), eq(clients.workspaceId, opts.workspace.id)))
		.get();
	if (!reminder) {
		try {
			await db.batch([
				failBatchWhen(db, sql`NOT EXISTS (SELECT 1 FROM invoices WHERE id = ${invoice.id} AND status = 'draft')`),
				db
					.update(invoices)
					.set({ status: 'sent', sentAt: now, updatedAt: now })
					.where(
						and(eq(invoices.id, invoice.id), eq(invoices.workspaceId, opts.workspace.id), eq(invoices.status, 'draft'))
					),
				activityInsert(opts, {
					verb: 'invoice.sent',
					summary: `${number} sent to ${client?.name ?? 'the client'} (${formatMoney(invoice.totalMinor, invoice.currency)})`,
					clientId: invoice.clientId,
					projectId: invoice.projectId,
					subjectType: 'invoice',
					subjectId: invoice.id
				})
			]);
		} catch (error) {
			if (isGuardFailure(error)) throw new AppError('conflict', `${number} was already sent.`);
			throw error;
		}
	}
	const brand = brandOf(opts.workspace, urls);
	const due = reminder ? amountDue(invoice) : invoice.totalMinor;
	const overdue = reminder && isOverdue(invoice, todayIn(opts.workspace.timezone, now));
	const mail = invoiceEmail({
		brandName: brand.name,
		invoice,
		dueMinor: due,
		kind: overdue ? 'overdue' : reminder ? 'reminder' : 'new',
		portalUrl: urls.portal(opts.workspace, `/invoices/${invoice.id}`)
	});
	const sentTo = await emailClientContacts(
		opts,
		invoice.clientId,
		{ ...mail, tag: 'invoice', idempotencyKey: reminder ? undefined : `invoice-sent:${invoice.id}` },
		{ to: recipients }
	);
	return { id: invoice.id, number: invoice.number, reminder, recipients: sentTo };
}
