import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { autopayMandates, invoices, payments, recurringInvoices } from '../../../../db/schema';
import { notFound } from '../../errors';
import type { Scope } from '../../scope';
import { clientScope } from '../../tenancy';
import { availableProviders } from '../providers';

/** The words the client agrees to, stored verbatim with their consent. */
export function autopayConsentText(args: { business: string; card: string; title: string }): string {
	return `I authorise ${args.business} to charge my ${args.card} for each invoice of "${args.title}" on the day it is issued, for the amount on the invoice, until I turn autopay off.`;
}

/**
 * Autopay on one recurring invoice: the active mandate (if any), and the card it could use: the
 * newest succeeded payment of this client on an invoice of this schedule whose card the provider
 * lets us charge again, with a provider the workspace still has connected.
 */
export async function autopayOptions(opts: Scope & { recurringId: string }) {
	const db = opts.services.db;
	// Through the read batcher: the portal page asks for the schedule at the same time, and both share one round trip.
	const [schedules, mandates, cards] = await opts.services.reads.batch([
		db
			.select({
				id: recurringInvoices.id,
				title: recurringInvoices.title,
				status: recurringInvoices.status,
				clientId: recurringInvoices.clientId
			})
			.from(recurringInvoices)
			.where(and(clientScope(recurringInvoices, opts), eq(recurringInvoices.id, opts.recurringId))),
		db
			.select()
			.from(autopayMandates)
			.where(
				and(
					clientScope(autopayMandates, opts),
					eq(autopayMandates.recurringInvoiceId, opts.recurringId),
					isNull(autopayMandates.revokedAt)
				)
			),
		db
			.select({ payment: payments, invoiceNumber: invoices.number })
			.from(payments)
			.innerJoin(invoices, eq(invoices.id, payments.invoiceId))
			.where(
				and(
					clientScope(payments, opts),
					eq(invoices.recurringInvoiceId, opts.recurringId),
					eq(payments.status, 'succeeded'),
					isNotNull(payments.providerCustomer)
				)
			)
			.orderBy(desc(payments.paidAt))
			.limit(5)
	]);
	const schedule = schedules[0];
	if (!schedule) throw notFound('That recurring invoice');
	const providers = availableProviders(opts.services.config, opts.workspace);
	const card =
		cards.map((c) => c.payment).find((p) => p.provider !== 'manual' && providers.includes(p.provider)) ?? null;
	const cardLabel = card ? (card.reusableAuthLabel ?? 'the card you paid with') : null;
	const business = opts.workspace.displayName ?? opts.workspace.name;
	return {
		schedule,
		mandate: mandates[0] ?? null,
		card,
		cardLabel,
		consentText: cardLabel ? autopayConsentText({ business, card: cardLabel, title: schedule.title }) : null
	};
}
