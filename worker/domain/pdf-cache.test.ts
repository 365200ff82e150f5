import { describe, expect, it } from 'vitest';
import { INVOICES, QUOTES } from '../dev/seed/ids';
import { DEMO, fixedClock, inDays, scopes, seed, testServices, type TestServices } from '../../tests/helpers';
import { updateBranding } from './branding/update-branding';
import { invoicePdf } from './invoices/invoice-pdf';
import { recordManualPayment } from './payments/record-manual-payment';
import { declineQuote } from './quotes/decline-quote';
import { getQuote } from './quotes/get-quote';
import { downloadQuotePdf } from './quotes/quote-pdf';
import { pdfText } from '../services/pdf/test-support';

// Invoice and quote PDFs are stored in R2 under the hash of everything they are drawn from
// (pdf-cache.ts). A PDF carries its creation time, so bytes equal to an earlier download's,
// made an hour later, are the stored copy; a fresh render would differ.

const HOUR = 3_600_000;
const stored = (services: TestServices, kind: string, id: string) =>
	services.storage.listKeys(`pdf-cache/${DEMO.workspaceId}/${kind}/${id}/`);

async function setup() {
	const clock = fixedClock();
	const services = await seed(testServices({ clock }));
	return { clock, services, ...(await scopes(services)) };
}

describe('stored PDFs', () => {
	it('serves a second download from the stored copy, to staff and the client alike', async () => {
		const { clock, services, casey, demoOwner } = await setup();
		const first = await invoicePdf({ ...casey, invoiceId: INVOICES.overdueId });
		await services.settle();
		expect(await stored(services, 'invoice', INVOICES.overdueId)).toHaveLength(1);
		clock.advance(HOUR);
		expect((await invoicePdf({ ...casey, invoiceId: INVOICES.overdueId })).bytes).toEqual(first.bytes);
		expect((await invoicePdf({ ...demoOwner, invoiceId: INVOICES.overdueId })).bytes).toEqual(first.bytes);
		// A new render an hour later is not the same file: the equality above is the stored copy.
		await services.storage.delete((await stored(services, 'invoice', INVOICES.overdueId))[0]);
		expect((await invoicePdf({ ...casey, invoiceId: INVOICES.overdueId })).bytes).not.toEqual(first.bytes);
	});

	it('never serves the old copy after a payment or new branding, and keeps only the current one', async () => {
		const { clock, services, casey, demoOwner } = await setup();
		const before = await pdfText((await invoicePdf({ ...casey, invoiceId: INVOICES.sentId })).bytes);
		await services.settle();
		expect(before.lines).not.toContain('Payments received');

		clock.advance(HOUR);
		await recordManualPayment({
			...demoOwner,
			invoiceId: INVOICES.sentId,
			input: { amount: '10.00', paidOn: inDays(0), method: 'cash' }
		});
		await services.settle();
		const paid = await pdfText((await invoicePdf({ ...casey, invoiceId: INVOICES.sentId })).bytes);
		expect(paid.lines).toContain('Payments received');
		expect(paid.lines).toContain('-$10.00');
		await services.settle();
		expect(await stored(services, 'invoice', INVOICES.sentId)).toHaveLength(1);

		await updateBranding({
			...demoOwner,
			input: { displayName: 'Renamed Studio', brandColor: '#123456', accentColor: '#654321' }
		});
		// A request reads its workspace afresh (the request context cache is emptied by the write).
		const fresh = await scopes(services);
		const rebranded = await pdfText((await invoicePdf({ ...fresh.casey, invoiceId: INVOICES.sentId })).bytes);
		expect(rebranded.lines).toContain('Renamed Studio');
		await services.settle();
		expect(await stored(services, 'invoice', INVOICES.sentId)).toHaveLength(1);
	});

	it('stays out of reach of another client and another workspace', async () => {
		const { services, casey, oscar, acmeOwner } = await setup();
		await invoicePdf({ ...casey, invoiceId: INVOICES.sentId });
		await services.settle();
		expect(await stored(services, 'invoice', INVOICES.sentId)).toHaveLength(1);
		await expect(invoicePdf({ ...oscar, invoiceId: INVOICES.sentId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(invoicePdf({ ...acmeOwner, invoiceId: INVOICES.sentId })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('does the same for quotes: stored, and a new copy once the quote changes', async () => {
		const { clock, services, casey } = await setup();
		const first = await downloadQuotePdf({ ...casey, quoteId: QUOTES.sent });
		await services.settle();
		clock.advance(HOUR);
		expect((await downloadQuotePdf({ ...casey, quoteId: QUOTES.sent })).bytes).toEqual(first.bytes);
		const { quote } = await getQuote({ ...casey, quoteId: QUOTES.sent, countView: false });
		await declineQuote({ ...casey, quoteId: QUOTES.sent, input: { version: quote.version } });
		await services.settle();
		const declined = await pdfText((await downloadQuotePdf({ ...casey, quoteId: QUOTES.sent })).bytes);
		expect(declined.lines).toContain('Declined');
		await services.settle();
		expect(await stored(services, 'quote', QUOTES.sent)).toHaveLength(1);
	});
});
