import { and, eq } from 'drizzle-orm';
import { invoices } from '../../../db/schema';
import { brandOf } from '../branding/brand';
import { invoiceEmail } from '../invoices/invoice-email';
import { emailClientContacts } from '../notifications/notify';
import { suggestedRecipients } from '../notifications/recipients';
import type { Scope } from '../scope';

/**
 * The invoice an accepted proposal issued, emailed like any invoice sent without a choice of
 * recipients (the primary contact and those with portal access) (the deposit is due now; the email keeps a record if they leave the flow half-way).
 */
export async function emailProposalInvoice(scope: Pick<Scope, 'services' | 'workspace'>, invoiceId: string) {
	const { services, workspace } = scope;
	const invoice = await services.db
		.select()
		.from(invoices)
		.where(and(eq(invoices.id, invoiceId), eq(invoices.workspaceId, workspace.id)))
		.get();
	if (!invoice) return;
	const mail = invoiceEmail({
		brandName: brandOf(workspace, services.urls).name,
		invoice,
		dueMinor: invoice.totalMinor,
		kind: 'new',
		portalUrl: services.urls.portal(workspace, `/invoices/${invoice.id}`)
	});
	const to = await suggestedRecipients(scope, invoice.clientId);
	await emailClientContacts(
		scope,
		invoice.clientId,
		{ ...mail, tag: 'invoice', idempotencyKey: `invoice-sent:${invoice.id}` },
		{ to }
	);
}
