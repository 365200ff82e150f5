// Test support for quotes (imported by *.test.ts only).
import { inDays } from '../../../tests/helpers';
import type { Scope } from '../scope';
import { createQuote } from './create-quote';
import { sendQuote } from './send-quote';

/** The sample quote's expiry: a month after the test clock's today (taken once, so a run crossing midnight agrees with itself). */
export const SAMPLE_EXPIRES_ON = inDays(30);

export const sampleQuote = (clientId: string, extra: Record<string, unknown> = {}) => ({
	clientId,
	title: 'Website refresh',
	currency: 'USD',
	items: [
		{ description: 'Design', quantity: '2', unitPrice: '1250.00' },
		{ description: 'Build', quantity: '1.5', unitPrice: '999.99' }
	],
	discount: '100',
	taxRate: '7.5',
	notes: 'Payment: 50% upfront.',
	expiresOn: SAMPLE_EXPIRES_ON,
	...extra
});

/** A quote created and sent by staff; returns its id. */
export async function sentQuote(staff: Scope, clientId: string, extra: Record<string, unknown> = {}) {
	const { id } = await createQuote({ ...staff, input: sampleQuote(clientId, extra) });
	await sendQuote({ ...staff, quoteId: id });
	return id;
}
