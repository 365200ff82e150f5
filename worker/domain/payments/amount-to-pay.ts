import { AppError } from '../errors';
import type { InvoiceDetail } from '../invoices/get-invoice';
import { amountThrough } from '../invoices/schedule';

/**
 * What one "Pay now" charges, whatever the payment provider: the amount due, or with a payment
 * schedule the next instalment (by default) or a chosen later one. Payments settle instalments in
 * order, so choosing a later instalment pays everything up to and including it; an instalment
 * already paid cannot be chosen.
 */
export function amountToPay(
	detail: Pick<InvoiceDetail, 'schedule' | 'nextInstalment' | 'amountDueMinor' | 'invoice'>,
	instalmentId?: string | null
): { amountMinor: number; instalmentId: string | null } {
	if (detail.schedule.length === 0) return { amountMinor: detail.amountDueMinor, instalmentId: null };
	const chosen = instalmentId ? detail.schedule.find((s) => s.id === instalmentId) : detail.nextInstalment;
	if (!chosen)
		throw new AppError('validation_failed', 'Choose an instalment of this invoice to pay.', {
			fields: { instalmentId: 'Choose an instalment of this invoice to pay.' }
		});
	if (chosen.paid)
		throw new AppError('validation_failed', `${chosen.label} is already paid.`, {
			fields: { instalmentId: `${chosen.label} is already paid: choose another instalment.` }
		});
	const amountMinor = Math.min(
		detail.amountDueMinor,
		amountThrough(detail.schedule, chosen.position, detail.invoice.amountPaidMinor)
	);
	return { amountMinor, instalmentId: chosen.id };
}
