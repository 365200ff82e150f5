import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { autopayMandates, payments } from '../../../../db/schema';
import { newId } from '../../../services/ids';
import { createStripeClient } from '../../../services/stripe';
import { openStripeSecret, sealStripeSecret, usesStripeStandIn } from '../../../services/stripe-keys';
import { requireClient } from '../../actor';
import { activityInsert } from '../../activity/record-activity';
import { AppError, viaService } from '../../errors';
import type { Scope } from '../../scope';
import { autopayConsentText, autopayOptions } from './autopay-options';

const CONSENT_REQUIRED = 'Tick the box to agree to automatic payments.';
const inputSchema = z.object({ consent: z.enum(['yes', 'on', 'true']) });

/**
 * The client turns autopay on for one of their recurring invoices: only with the consent box
 * ticked, only with a card saved by a payment they made on this schedule. Records the exact
 * text they agreed to, when, who and from which IP. For Stripe the card is looked up on the
 * payment's PaymentIntent now (and kept sealed on that payment).
 */
export async function enableAutopay(opts: Scope & { recurringId: string; input: unknown; ip: string | null }) {
	const client = requireClient(opts.actor);
	const { services, workspace } = opts;
	// Whose schedule first (another client's is not found), then the consent.
	const options = await autopayOptions(opts);
	if (!inputSchema.safeParse(opts.input).success)
		throw new AppError('validation_failed', CONSENT_REQUIRED, { fields: { consent: CONSENT_REQUIRED } });
	if (options.mandate) return { mandateId: options.mandate.id };
	if (options.schedule.status !== 'active') throw new AppError('conflict', 'This recurring invoice is not active.');
	const card = options.card;
	if (!card || card.provider === 'manual' || !card.providerCustomer)
		throw new AppError('conflict', 'Pay one invoice of this schedule by card first: autopay charges that card.');

	let label = options.cardLabel!;
	if (card.provider === 'stripe' && !card.reusableAuthEnc) {
		let method: { paymentMethodId: string; label: string };
		if (usesStripeStandIn(services.config, workspace))
			method = { paymentMethodId: 'pm_standin_card', label: 'Visa ending 4242' };
		else {
			const secretKey = await viaService(() => openStripeSecret(services.config, workspace));
			if (!secretKey || !card.providerTransactionId)
				throw new AppError('upstream_unavailable', 'Autopay cannot be set up right now. Please try again later.');
			method = await viaService(() =>
				createStripeClient({ fetch: services.fetch, secretKey }).paymentMethodOf(card.providerTransactionId!)
			);
		}
		label = method.label;
		await services.db
			.update(payments)
			.set({
				reusableAuthEnc: await viaService(() => sealStripeSecret(services.config, method.paymentMethodId)),
				reusableAuthLabel: label,
				updatedAt: services.clock.now()
			})
			.where(eq(payments.id, card.id));
	}
	const now = services.clock.now();
	const id = newId('apm');
	const consentText = autopayConsentText({
		business: workspace.displayName ?? workspace.name,
		card: label,
		title: options.schedule.title
	});
	const [inserted] = await services.db.batch([
		services.db
			.insert(autopayMandates)
			.values({
				id,
				workspaceId: workspace.id,
				clientId: client.clientId,
				recurringInvoiceId: options.schedule.id,
				provider: card.provider,
				sourcePaymentId: card.id,
				authLabel: label,
				consentText,
				consentedAt: now,
				consentedByContactId: client.contactId,
				consentIp: opts.ip,
				createdAt: now
			})
			.onConflictDoNothing()
			.returning({ id: autopayMandates.id }),
		activityInsert(opts, {
			verb: 'recurring.autopay_enabled',
			summary: `${client.name} turned on autopay for "${options.schedule.title}" (${label})`,
			clientId: client.clientId,
			subjectType: 'recurring_invoice',
			subjectId: options.schedule.id
		})
	]);
	return { mandateId: (inserted as { id: string }[])[0]?.id ?? id };
}
