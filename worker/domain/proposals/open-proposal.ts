import { quoteDetailFrom, quoteDetailStatements } from '../quotes/get-quote';
import type { Scope } from '../scope';
import { proposalProgressFrom, proposalStatements } from './get-proposal-progress';

/**
 * A quote page: the quote in full and where its proposal stands, in one D1 batch (one round
 * trip, not two). For a client who opens it, the view is recorded first in the same batch
 * (`quoteDetailStatements`); the proposal reuses the quote row rather than reading it again.
 */
export async function openProposal(opts: Scope & { quoteId: string; countView?: boolean }) {
	const db = opts.services.db;
	const q = quoteDetailStatements(opts);
	const p = proposalStatements(opts);
	let found, items, changeRequests, contractRows, invoiceRows, deposit;
	if (q.recordView) {
		[, found, items, changeRequests, contractRows, invoiceRows, deposit] = await db.batch([
			q.recordView,
			q.readQuote,
			q.readItems,
			q.readRequests,
			p.readContract,
			p.readInvoice,
			p.readInstalments
		]);
	} else {
		[found, items, changeRequests, contractRows, invoiceRows, deposit] = await db.batch([
			q.readQuote,
			q.readItems,
			q.readRequests,
			p.readContract,
			p.readInvoice,
			p.readInstalments
		]);
	}
	const detail = quoteDetailFrom(opts, { found, items, changeRequests });
	const proposal = proposalProgressFrom(opts, { quoteRows: found, contractRows, invoiceRows, deposit });
	return { detail, proposal };
}
