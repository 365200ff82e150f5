import type { ManualPaymentMethod } from '../../../db/schema';

/** How staff say an offline payment was made (forms, emails, the payments table). */
export const METHOD_LABELS: Record<ManualPaymentMethod, string> = {
	bank_transfer: 'Bank transfer',
	cash: 'Cash',
	cheque: 'Cheque',
	card_terminal: 'Card (in person)',
	other: 'Other'
};
