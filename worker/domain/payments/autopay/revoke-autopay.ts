import { and, eq, isNull } from 'drizzle-orm';
import { autopayMandates, recurringInvoices } from '../../../../db/schema';
import { notFound } from '../../errors';
import { requireClient } from '../../actor';
import { activityInsertIfChanged } from '../../activity/record-activity';
import type { Scope } from '../../scope';
import { clientScope } from '../../tenancy';

/** The client turns autopay off: the mandate is kept, marked revoked (when, by whom); nothing is charged from now on. */
export async function revokeAutopay(opts: Scope & { recurringId: string }) {
	const client = requireClient(opts.actor);
	const db = opts.services.db;
	const schedule = await db
		.select({ id: recurringInvoices.id })
		.from(recurringInvoices)
		.where(and(clientScope(recurringInvoices, opts), eq(recurringInvoices.id, opts.recurringId)))
		.get();
	if (!schedule) throw notFound('That recurring invoice');
	await db.batch([
		db
			.update(autopayMandates)
			.set({ revokedAt: opts.services.clock.now(), revokedByContactId: client.contactId })
			.where(
				and(
					clientScope(autopayMandates, opts),
					eq(autopayMandates.recurringInvoiceId, opts.recurringId),
					isNull(autopayMandates.revokedAt)
				)
			),
		activityInsertIfChanged(opts, {
			verb: 'recurring.autopay_revoked',
			summary: `${client.name} turned off autopay`,
			clientId: client.clientId,
			subjectType: 'recurring_invoice',
			subjectId: opts.recurringId
		})
	]);
}
