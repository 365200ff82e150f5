import { eq } from 'drizzle-orm';
import { autopayMandates, payments } from '../../../db/schema';
import { autopayConsentText } from '../../domain/payments/autopay/autopay-options';
import { sealPaystackSecret } from '../../services/paystack-keys';
import type { SeedContext } from './context';
import { BILLING, DEMO, INVOICES } from './ids';

const day = 24 * 60 * 60 * 1000;

/**
 * Casey turned autopay on for Northwind's yearly hosting two days ago, with the Visa she paid
 * INV-0001 with through Paystack (its reusable authorization kept, sealed): the dashboard's
 * recurring invoice page shows the mandate and "Turn off autopay"; the portal says it is on.
 * The hosting's first invoice (in about 20 days) is charged by the cron, through the stand-in.
 */
export async function seedAutopay({ db, services, now }: SeedContext) {
	// Sealing needs a key: development has its fixed one; elsewhere only a real ENCRYPTION_KEY.
	if (!services.config.isDevelopment && !services.config.encryptionKey) return [];
	const card = 'Visa ending 4081';
	const source = `pay_${INVOICES.paidId}`;
	const consentedAt = now - 2 * day;
	return [
		db
			.update(payments)
			.set({
				reusableAuthEnc: await sealPaystackSecret(services.config, 'AUTH_demo_casey_visa'),
				reusableAuthLabel: card,
				providerCustomer: DEMO.caseyEmail
			})
			.where(eq(payments.id, source)),
		db.insert(autopayMandates).values({
			id: BILLING.hostingMandate,
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			recurringInvoiceId: BILLING.hostingRecurring,
			provider: 'paystack',
			sourcePaymentId: source,
			authLabel: card,
			consentText: autopayConsentText({ business: 'Demo Studio', card, title: 'Website hosting' }),
			consentedAt,
			consentedByContactId: DEMO.caseyContactId,
			consentIp: '203.0.113.24',
			createdAt: consentedAt
		})
	];
}
