import { and, eq } from 'drizzle-orm';
import { quotes } from '../../../db/schema';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/** The accepted quote whose proposal asks for this contract, if any: where the client goes on after signing it. */
export async function proposalOfContract(opts: Scope & { contractId: string }): Promise<string | null> {
	const row = await opts.services.db
		.select({ id: quotes.id })
		.from(quotes)
		.where(and(clientScope(quotes, opts), eq(quotes.contractId, opts.contractId), eq(quotes.status, 'accepted')))
		.get();
	return row?.id ?? null;
}

/** The accepted quote whose deposit this payment paid, if any: where the client goes on after paying it. */
export function isProposalDeposit(
	detail: { invoice: { quoteId: string | null }; schedule: { id: string; position: number }[] },
	instalmentId: string | null
): boolean {
	if (!detail.invoice.quoteId) return false;
	const deposit = detail.schedule.find((s) => s.position === 1);
	return !deposit || deposit.id === instalmentId;
}
