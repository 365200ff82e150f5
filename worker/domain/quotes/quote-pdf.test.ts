import { describe, expect, it } from 'vitest';
import { QUOTES } from '../../dev/seed/ids';
import { formatMoney } from '../format';
import { scopes, seed, testServices } from '../../../tests/helpers';
import { pdfText } from '../../services/pdf/test-support';
import { getQuote } from './get-quote';
import { downloadQuotePdf } from './quote-pdf';
import { quoteTotalsRows } from './quote-totals';

describe('quote PDF', () => {
	it('prints every line and the totals rows the page shows, in order', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const detail = await getQuote({ ...demoOwner, quoteId: QUOTES.sent, countView: false });
		const { lines } = await pdfText((await downloadQuotePdf({ ...demoOwner, quoteId: QUOTES.sent })).bytes);
		for (const item of detail.items) expect(lines).toContain(formatMoney(item.amountMinor, detail.quote.currency));
		let from = 0;
		for (const row of quoteTotalsRows(detail.quote)) {
			const at = lines.indexOf(row.label, from);
			expect(at, row.label).toBeGreaterThanOrEqual(0);
			expect(lines[at + 1], row.label).toBe(row.value);
			from = at + 2;
		}
	});
});
