import { and, asc, desc, eq } from 'drizzle-orm';
import { clients, invoiceInstalments, invoiceItems, invoices, payments, projects } from '../../../db/schema';
import { instalmentStates } from './schedule';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { METHOD_LABELS } from '../payments/payment-methods';
import { availableProviders, PROVIDER_LABELS } from '../payments/providers';
import { formatInvoiceNumber } from './invoice-number';
import { todayIn } from '../calendar';
import { amountDue, amountDueFact, displayStatus, isPayable } from './invoice-status';
import { visibleInvoices } from './visibility';

/**
 * One invoice with its lines, payments and payment schedule, in one D1 round trip. Each of the
 * reads is scoped through the invoice (visibleInvoices), so another
 * client's or workspace's invoice, or a draft for a client, is "not found".
 * Clients see only succeeded payments (their payment history): never a failed
 * attempt, nor a manual payment staff reversed.
 */
export async function getInvoice(opts: Scope & { invoiceId: string }) {
	const db = opts.services.db;
	const visible = and(visibleInvoices(opts), eq(invoices.id, opts.invoiceId));
	const isClient = opts.actor.kind === 'client';
	const [rows, items, paymentRows, instalmentRows] = await db.batch([
		db
			.select({
				invoice: invoices,
				clientName: clients.name,
				clientAddress: clients.address,
				projectName: projects.name
			})
			.from(invoices)
			.innerJoin(clients, eq(clients.id, invoices.clientId))
			.leftJoin(projects, eq(projects.id, invoices.projectId))
			.where(visible),
		db
			.select({
				id: invoiceItems.id,
				position: invoiceItems.position,
				description: invoiceItems.description,
				quantityMilli: invoiceItems.quantityMilli,
				unitPriceMinor: invoiceItems.unitPriceMinor,
				amountMinor: invoiceItems.amountMinor,
				timeEntryId: invoiceItems.timeEntryId
			})
			.from(invoiceItems)
			.innerJoin(invoices, eq(invoices.id, invoiceItems.invoiceId))
			.where(visible)
			.orderBy(asc(invoiceItems.position)),
		db
			.select({
				id: payments.id,
				provider: payments.provider,
				method: payments.method,
				note: payments.note,
				reference: payments.reference,
				amountMinor: payments.amountMinor,
				currency: payments.currency,
				status: payments.status,
				paidAt: payments.paidAt,
				createdAt: payments.createdAt,
				failureReason: payments.failureReason,
				reversedAt: payments.reversedAt,
				instalmentId: payments.instalmentId
			})
			.from(payments)
			.innerJoin(invoices, eq(invoices.id, payments.invoiceId))
			.where(and(visible, isClient ? eq(payments.status, 'succeeded') : undefined))
			.orderBy(desc(payments.createdAt)),
		db
			.select({
				id: invoiceInstalments.id,
				position: invoiceInstalments.position,
				label: invoiceInstalments.label,
				percentBp: invoiceInstalments.percentBp,
				amountMinor: invoiceInstalments.amountMinor,
				cumulativeMinor: invoiceInstalments.cumulativeMinor,
				dueDate: invoiceInstalments.dueDate,
				paidAt: invoiceInstalments.paidAt,
				reminderCount: invoiceInstalments.reminderCount
			})
			.from(invoiceInstalments)
			.innerJoin(invoices, eq(invoices.id, invoiceInstalments.invoiceId))
			.where(visible)
			.orderBy(asc(invoiceInstalments.position))
	]);
	const row = rows[0];
	if (!row) throw notFound('That invoice');
	const invoice = row.invoice;
	const today = todayIn(opts.workspace.timezone, opts.services.clock.now());
	const schedule = instalmentStates(instalmentRows, invoice.amountPaidMinor, today);
	const payable = isPayable(invoice);
	const providers = availableProviders(opts.services.config, opts.workspace);
	return {
		invoice,
		number: formatInvoiceNumber(invoice.number),
		clientName: row.clientName,
		clientAddress: row.clientAddress,
		projectName: row.projectName,
		items,
		// A manual payment's note is for staff only.
		payments: paymentRows.map((p) => ({
			...p,
			note: isClient ? null : p.note,
			methodLabel: p.method ? METHOD_LABELS[p.method] : p.provider === 'manual' ? 'Other' : PROVIDER_LABELS[p.provider]
		})),
		/** The payment schedule (empty: none), each instalment with what is paid and left; payments settle them in order. */
		schedule,
		/** The instalment "Pay now" pays by default: the first one not fully paid. */
		nextInstalment: payable ? (schedule.find((s) => !s.paid) ?? null) : null,
		displayStatus: displayStatus(invoice, today),
		amountDueMinor: amountDue(invoice),
		/** The headline amount of the staff page: what is due, or for a draft what will be due once sent. */
		dueFact: amountDueFact(invoice),
		/** How the client can pay online (Paystack, Stripe, both, or none: not payable or no provider connected). */
		paymentProviders: payable ? providers : [],
		/** Pay now is offered: payable, and the workspace takes payments (a connected provider, or the local stand-in in development). */
		canPayOnline: payable && providers.length > 0
	};
}

export type InvoiceDetail = Awaited<ReturnType<typeof getInvoice>>;
