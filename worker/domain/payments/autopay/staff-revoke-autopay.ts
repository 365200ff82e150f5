import { and, eq, isNull } from 'drizzle-orm';
import { autopayMandates, recurringInvoices } from '../../../../db/schema';
import { activityInsertIfChanged } from '../../activity/record-activity';
import { requireStaff } from '../../actor';
import { notFound } from '../../errors';
import { emailClientContacts } from '../../notifications/notify';
import type { Scope } from '../../scope';
import { staffScope } from '../../tenancy';

/**
 * Staff turn a client's autopay off (the client asked by phone, the card is disputed): the mandate
 * is kept, marked revoked by this staff member, and the contact who consented is emailed. Like the
 * client's own revoke, turning off what is already off changes nothing (and sends nothing).
 */
export async function staffRevokeAutopay(opts: Scope & { recurringId: string }) {
	const staff = requireStaff(opts.actor);
	const { db, clock, urls } = opts.services;
	const row = await db
		.select({ title: recurringInvoices.title, clientId: recurringInvoices.clientId, mandate: autopayMandates })
		.from(recurringInvoices)
		.leftJoin(
			autopayMandates,
			and(
				eq(autopayMandates.recurringInvoiceId, recurringInvoices.id),
				eq(autopayMandates.workspaceId, recurringInvoices.workspaceId),
				isNull(autopayMandates.revokedAt)
			)
		)
		.where(and(staffScope(recurringInvoices, opts), eq(recurringInvoices.id, opts.recurringId)))
		.get();
	if (!row) throw notFound('That recurring invoice');
	const mandate = row.mandate;
	if (!mandate) return { revoked: false };
	const [update] = await db.batch([
		db
			.update(autopayMandates)
			.set({ revokedAt: clock.now(), revokedByUserId: staff.userId })
			.where(
				and(staffScope(autopayMandates, opts), eq(autopayMandates.id, mandate.id), isNull(autopayMandates.revokedAt))
			),
		activityInsertIfChanged(opts, {
			verb: 'recurring.autopay_revoked',
			summary: `${staff.name} turned off autopay on "${row.title}"`,
			clientId: row.clientId,
			subjectType: 'recurring_invoice',
			subjectId: opts.recurringId
		})
	]);
	// The client (or another staff member) may have turned it off a moment ago: they were told then.
	if (!update.meta.changes) return { revoked: false };
	const business = opts.workspace.displayName ?? opts.workspace.name;
	await emailClientContacts(
		opts,
		row.clientId,
		{
			subject: `Autopay is off for "${row.title}"`,
			tag: 'autopay_revoked',
			idempotencyKey: `autopay-revoked:${mandate.id}`,
			content: {
				preheader: `${business} will no longer charge your ${mandate.authLabel} automatically`,
				heading: 'Autopay is off',
				paragraphs: [
					`${business} turned off autopay for "${row.title}". Your ${mandate.authLabel} will no longer be charged automatically.`,
					'New invoices of this schedule will be emailed to you as usual, to pay when they are due. You can turn autopay on again from the portal at any time.'
				],
				button: {
					label: 'View the recurring invoice',
					url: urls.portal(opts.workspace, `/invoices/recurring/${opts.recurringId}`)
				}
			}
		},
		{ onlyContactId: mandate.consentedByContactId }
	);
	return { revoked: true };
}
