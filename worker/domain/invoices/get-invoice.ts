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
import type { Db } from '../../services/db';
import type { Value } from '../../services/compiled-read';
import type { ClientActor } from '../actor';
import { compiledClientRead, type ClientScopeValues } from '../client-scope-values';

/**
 * One invoice with its lines, payments and payment schedule, in one D1 round trip. Each of the
 * reads is scoped through the invoice (visibleInvoices), so another
 * client's or workspace's invoice, or a draft for a client, is "not found".
 * Clients see only succeeded payments (their payment history): never a failed
 * attempt, nor a manual payment staff reversed.
 */
export async function getInvoice(opts: Scope & { invoiceId: string }) {
	const db = opts.services.db;
	const isClient = opts.actor.kind === 'client';
	// A client's reads are compiled once per isolate (the portal's invoice page and PDF); staff's are built per request.
	const s =
		opts.actor.kind === 'client'
			? clientInvoiceReads(opts, opts.actor, opts.invoiceId)
			: invoiceStatements(db, opts, opts.invoiceId);
	const [rows, items, paymentRows, instalmentRows] = await db.batch([s.invoice, s.items, s.payments, s.instalments]);
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

/** The invoice page's four statements in the actor's scope (in a compiled read, with placeholders for the ids). */
export function invoiceStatements(db: Db, scope: Pick<Scope, 'workspace' | 'actor'>, invoiceId: string) {
	const visible = and(visibleInvoices(scope), eq(invoices.id, invoiceId));
	const isClient = scope.actor.kind === 'client';
	return {
		invoice: db
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
		items: db
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
		payments: db
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
		instalments: db
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
	};
}

type ClientInvoiceValues = ClientScopeValues & { invoiceId: string };
const invoiceOf = (value: Value<ClientInvoiceValues>) => value('invoiceId') as unknown as string;
const clientReads = {
	invoice: compiledClientRead(
		(db, scope, value: Value<ClientInvoiceValues>) => invoiceStatements(db, scope, invoiceOf(value)).invoice
	),
	items: compiledClientRead(
		(db, scope, value: Value<ClientInvoiceValues>) => invoiceStatements(db, scope, invoiceOf(value)).items
	),
	payments: compiledClientRead(
		(db, scope, value: Value<ClientInvoiceValues>) => invoiceStatements(db, scope, invoiceOf(value)).payments
	),
	instalments: compiledClientRead(
		(db, scope, value: Value<ClientInvoiceValues>) => invoiceStatements(db, scope, invoiceOf(value)).instalments
	)
};

/** A client's invoice page, compiled once per isolate (services/compiled-read.ts). */
export function clientInvoiceReads(
	scope: Pick<Scope, 'services' | 'workspace'>,
	actor: ClientActor,
	invoiceId: string
) {
	const values = { invoiceId };
	return {
		invoice: clientReads.invoice(scope, actor, values),
		items: clientReads.items(scope, actor, values),
		payments: clientReads.payments(scope, actor, values),
		instalments: clientReads.instalments(scope, actor, values)
	};
}
