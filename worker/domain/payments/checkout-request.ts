import type { Scope } from '../scope';

/** What a provider needs to open a hosted checkout for one pending payment (ours: `reference`). */
export type CheckoutRequest = Pick<Scope, 'services' | 'workspace'> & {
	reference: string;
	email: string;
	amountMinor: number;
	currency: string;
	invoiceId: string;
	invoiceNumber: string;
	/** Where the client lands after paying; the provider adds nothing we rely on. */
	returnUrl: string;
	cancelUrl: string;
	/** The invoice comes from a recurring schedule: keep the card for autopay (charged only with consent). */
	saveCard: boolean;
};
