import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { projects, quoteItems, quotes } from '../../../db/schema';
import { CONTRACTS, DEMO, QUOTES, scopes, seed, testServices } from '../../../tests/helpers';
import { downloadSignedPdf } from '../../domain/contracts/download-signed-pdf';
import { getContract } from '../../domain/contracts/get-contract';
import { computeTotals } from '../../domain/money';
import { createQuote } from '../../domain/quotes/create-quote';
import { listQuotes } from '../../domain/quotes/list-quotes';
import { sampleQuote } from '../../domain/quotes/testing';

describe('quotes and contracts demo data', () => {
	it('has quotes in every state with totals that match their items, and numbering continues after them', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const staffList = await listQuotes({ ...demoOwner, input: { page: 1, pageSize: 50 } });
		expect(new Set(staffList.items.map((q) => q.status))).toEqual(
			new Set(['accepted', 'sent', 'viewed', 'changes_requested', 'expired', 'draft'])
		);
		expect((await listQuotes({ ...casey, input: { page: 1, pageSize: 50 } })).items.map((q) => q.id)).not.toContain(
			QUOTES.draft
		);
		for (const q of await services.db.select().from(quotes)) {
			const items = await services.db.select().from(quoteItems).where(eq(quoteItems.quoteId, q.id));
			// Optional lines count once chosen (selected); the rest of the quote's lines always do.
			const totals = computeTotals(
				items.filter((i) => i.selected),
				{ discountMinor: q.discountMinor, taxBp: q.taxBp }
			);
			expect(q.totalMinor, q.id).toBe(totals.totalMinor);
		}
		const project = await services.db.select().from(projects).where(eq(projects.id, DEMO.websiteProjectId)).get();
		expect(project!.quoteId).toBe(QUOTES.accepted);
		// After the seven of this area's seed and the proposal of the billing seed (worker/dev/seed/billing.ts).
		expect((await createQuote({ ...demoOwner, input: sampleQuote(DEMO.northwindId) })).number).toBe(9);
	});

	it('has a signed contract whose stored PDF parses, carries the hash and matches the locked text', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const detail = await getContract({ ...casey, contractId: CONTRACTS.signed });
		expect(detail.contract.status).toBe('signed');
		expect(detail.integrity.ok).toBe(true);
		expect(detail.events.map((e) => e.event)).toEqual(['created', 'sent', 'viewed', 'signed']);
		const { bytes } = await downloadSignedPdf({ ...casey, contractId: CONTRACTS.signed });
		expect((await PDFDocument.load(bytes)).getKeywords()).toContain(detail.contract.documentHash);
		expect((await getContract({ ...casey, contractId: CONTRACTS.sent })).can.sign).toBe(true);
	});
});
