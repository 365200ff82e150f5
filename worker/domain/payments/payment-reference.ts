import { bytesToHex } from '../../services/crypto';

/**
 * Our own reference for a payment attempt, sent to Paystack and echoed back in
 * the callback and webhook: 128 random bits. Paystack allows only letters,
 * digits, '-', '.' and '=' in references.
 */
export function newPaymentReference(): string {
	return `cp-${bytesToHex(crypto.getRandomValues(new Uint8Array(16)))}`;
}

export const PAYMENT_REFERENCE = /^cp-[0-9a-f]{32}$/;
