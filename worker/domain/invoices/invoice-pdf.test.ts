import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { invoices, workspaces } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import { formatMoney } from '../format';
import { DEMO, scopes, seed, testServices } from '../../../tests/helpers';
import { countMeasuring, pdfText } from '../../services/pdf/test-support';
import { getInvoice } from './get-invoice';
import { invoicePdf, totalsRows } from './invoice-pdf';

// A 1x1 PNG.
const PNG = Uint8Array.from(
	atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
	(c) => c.charCodeAt(0)
);

describe('invoice PDF', () => {
	it('shows exactly the totals of the screen, to the minor unit, and every line', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		for (const id of [INVOICES.overdueId, INVOICES.partialId, INVOICES.paidId]) {
			const detail = await getInvoice({ ...casey, invoiceId: id });
			const { lines } = await pdfText((await invoicePdf({ ...casey, invoiceId: id })).bytes);
			// The same rows the page renders (label, value), in order.
			const rows = totalsRows(detail);
			expect(rows.length).toBeGreaterThan(2);
			let from = 0;
			for (const row of rows) {
				const at = lines.indexOf(row.label, from);
				expect(at, `${detail.number} ${row.label}`).toBeGreaterThanOrEqual(0);
				expect(lines[at + 1], `${detail.number} ${row.label}`).toBe(row.value);
				from = at + 2;
			}
			for (const item of detail.items) expect(lines).toContain(formatMoney(item.amountMinor, detail.invoice.currency));
			expect(lines).toContain(`Invoice ${detail.number}`);
		}
		// INV-0003: 1.5 x $120.00 + 3 x $29.99 = $269.97; tax 8.25% = $22.272... -> $22.27; total $292.24.
		const overdue = await pdfText((await invoicePdf({ ...casey, invoiceId: INVOICES.overdueId })).bytes);
		expect(overdue.lines.join('|')).toContain('Subtotal|$269.97|Tax (8.25%)|$22.27|Total|$292.24|Amount due|$292.24');
		expect(overdue.lines).toContain('OVERDUE');
	});

	it("is branded with the workspace's logo and colour", async () => {
		const services = await seed(testServices());
		// The demo workspace ships with a logo: take it away to see the PDF without one.
		await services.db
			.update(workspaces)
			.set({ logoKey: null, logoContentType: null })
			.where(eq(workspaces.id, DEMO.workspaceId));
		const plain = await pdfText(
			(await invoicePdf({ ...(await scopes(services)).casey, invoiceId: INVOICES.paidId })).bytes
		);
		expect(plain.images).toBe(0);
		await services.storage.put('logos/demo.png', PNG, { contentType: 'image/png' });
		await services.db
			.update(workspaces)
			.set({ logoKey: 'logos/demo.png', logoContentType: 'image/png' })
			.where(eq(workspaces.id, DEMO.workspaceId));
		const { casey } = await scopes(services);
		const { operators, images } = await pdfText((await invoicePdf({ ...casey, invoiceId: INVOICES.paidId })).bytes);
		expect(images).toBeGreaterThan(0); // the logo (and its alpha mask)
		// #4338ca as PDF fill colour.
		expect(operators).toMatch(/0\.2627\d* 0\.2196\d* 0\.7921\d* rg/);
	});

	it('cannot be had for a draft by the client, nor by another client or workspace', async () => {
		const services = await seed(testServices());
		const { casey, oscar, acmeOwner, demoOwner } = await scopes(services);
		await expect(invoicePdf({ ...casey, invoiceId: INVOICES.draftId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(invoicePdf({ ...oscar, invoiceId: INVOICES.sentId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(invoicePdf({ ...acmeOwner, invoiceId: INVOICES.sentId })).rejects.toMatchObject({ code: 'not_found' });
		expect((await invoicePdf({ ...demoOwner, invoiceId: INVOICES.draftId })).filename).toBe('INV-0005.pdf');
	});

	it('renders notes of one 5,000-character word with linear measuring (it took 28 s)', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const notes = 'W'.repeat(5000);
		await services.db.update(invoices).set({ notes }).where(eq(invoices.id, INVOICES.overdueId));
		const counts = countMeasuring();
		try {
			const { lines } = await pdfText((await invoicePdf({ ...casey, invoiceId: INVOICES.overdueId })).bytes);
			expect(lines.filter((l) => /^W+$/.test(l)).join('')).toBe(notes);
		} finally {
			vi.restoreAllMocks();
		}
		expect(counts.chars).toBeLessThan(3 * notes.length);
	});
});
