import { and, asc, eq } from 'drizzle-orm';
import { contracts, invoiceInstalments, invoices, projects, quotes } from '../../../db/schema';
import { notFound } from '../errors';
import { availableProviders } from '../payments/providers';
import { formatInvoiceNumber } from '../invoices/invoice-number';
import { visibleInvoices } from '../invoices/visibility';
import { quoteScope } from '../quotes/get-quote';
import { quoteLabel } from '../quotes/quote-status';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { PROPOSAL_STATUS_LABELS, proposalStatus, proposalSteps } from './proposal-status';

export type ProposalNext = 'accept' | 'sign' | 'pay' | 'done';

/** The reads of a proposal's progress, for `getProposalProgress` and pages that batch more (open-proposal.ts). */
export function proposalStatements(opts: Scope & { quoteId: string }) {
	const db = opts.services.db;
	return {
		readQuote: db
			.select({ quote: quotes, projectName: projects.name })
			.from(quotes)
			.leftJoin(projects, eq(projects.id, quotes.projectId))
			.where(and(quoteScope(opts), eq(quotes.id, opts.quoteId))),
		readContract: db
			.select({ id: contracts.id, title: contracts.title, status: contracts.status, signedAt: contracts.signedAt })
			.from(contracts)
			.innerJoin(quotes, eq(quotes.contractId, contracts.id))
			.where(and(clientScope(contracts, opts), eq(quotes.id, opts.quoteId), quoteScope(opts))),
		readInvoice: db
			.select({
				id: invoices.id,
				number: invoices.number,
				status: invoices.status,
				totalMinor: invoices.totalMinor,
				amountPaidMinor: invoices.amountPaidMinor,
				currency: invoices.currency,
				dueDate: invoices.dueDate,
				paidAt: invoices.paidAt
			})
			.from(invoices)
			.innerJoin(quotes, eq(quotes.invoiceId, invoices.id))
			.where(and(visibleInvoices(opts), eq(quotes.id, opts.quoteId), quoteScope(opts))),
		readInstalments: db
			.select({
				id: invoiceInstalments.id,
				label: invoiceInstalments.label,
				amountMinor: invoiceInstalments.amountMinor,
				dueDate: invoiceInstalments.dueDate,
				paidAt: invoiceInstalments.paidAt,
				position: invoiceInstalments.position
			})
			.from(invoiceInstalments)
			.innerJoin(quotes, eq(quotes.invoiceId, invoiceInstalments.invoiceId))
			.where(and(eq(quotes.id, opts.quoteId), eq(invoiceInstalments.workspaceId, opts.workspace.id), quoteScope(opts)))
			.orderBy(asc(invoiceInstalments.position))
	};
}

type Statements = ReturnType<typeof proposalStatements>;
export type ProposalRows = {
	/** The quote row; `quoteDetailStatements`' read has these columns too (open-proposal.ts). */
	quoteRows: Pick<Awaited<Statements['readQuote']>[number], 'quote' | 'projectName'>[];
	contractRows: Awaited<Statements['readContract']>;
	invoiceRows: Awaited<Statements['readInvoice']>;
	deposit: Awaited<Statements['readInstalments']>;
};

/**
 * Where a proposal stands, for the client's one path after Accept (sign the contract, pay the
 * deposit, "You're all set") and for staff: every read scoped (a client: their own quote, contract
 * and invoice), in one batch. `next` is the step to show: the contract first, then the deposit.
 */
export async function getProposalProgress(opts: Scope & { quoteId: string }) {
	const s = proposalStatements(opts);
	const [quoteRows, contractRows, invoiceRows, deposit] = await opts.services.db.batch([
		s.readQuote,
		s.readContract,
		s.readInvoice,
		s.readInstalments
	]);
	return proposalProgressFrom(opts, { quoteRows, contractRows, invoiceRows, deposit });
}

/** The progress from the rows of `proposalStatements`. */
export function proposalProgressFrom(opts: Scope, { quoteRows, contractRows, invoiceRows, deposit }: ProposalRows) {
	const row = quoteRows[0];
	if (!row) throw notFound('That quote');
	const { quote } = row;
	const contract = contractRows[0] ?? null;
	const invoice = invoiceRows[0] ?? null;
	const providers = availableProviders(opts.services.config, opts.workspace);
	const facts = {
		contractId: quote.contractId,
		contractStatus: contract?.status ?? null,
		invoiceId: quote.invoiceId,
		invoiceStatus: invoice?.status ?? null,
		amountPaidMinor: invoice?.amountPaidMinor ?? null,
		acceptedDepositMinor: quote.acceptedDepositMinor
	};
	const accepted = quote.status === 'accepted';
	const steps = proposalSteps(facts);
	const status = accepted ? proposalStatus(facts) : null;
	const next: ProposalNext = !accepted
		? 'accept'
		: steps.needsContract && !steps.contractSigned
			? 'sign'
			: steps.needsDeposit && !steps.depositPaid
				? 'pay'
				: 'done';
	const balance = deposit.length > 1 ? deposit[deposit.length - 1] : null;
	return {
		quote: {
			id: quote.id,
			label: quoteLabel(quote.number),
			title: quote.title,
			status: quote.status,
			acceptedAt: quote.acceptedAt,
			totalMinor: quote.totalMinor,
			currency: quote.currency,
			projectId: quote.projectId,
			projectName: row.projectName
		},
		/** What accepting asks for (before acceptance: what it will ask). */
		asks: {
			contract: Boolean(quote.contractId || quote.contractTemplateId),
			deposit: quote.depositPercentBp !== null || quote.depositFixedMinor !== null,
			depositPercentBp: quote.depositPercentBp,
			depositFixedMinor: quote.depositFixedMinor,
			balanceDueDays: quote.balanceDueDays
		},
		status,
		statusLabel: status ? PROPOSAL_STATUS_LABELS[status] : null,
		next,
		contract: contract ? { ...contract, signed: steps.contractSigned } : null,
		deposit:
			invoice && quote.acceptedDepositMinor !== null
				? {
						invoiceId: invoice.id,
						invoiceNumber: formatInvoiceNumber(invoice.number),
						amountMinor: quote.acceptedDepositMinor,
						currency: invoice.currency,
						paid: steps.depositPaid,
						instalmentId: deposit[0]?.id ?? null,
						waived: invoice.status === 'void'
					}
				: null,
		/** How the deposit can be paid online here (a connected provider, or the local stand-in in development); none: the payment instructions. */
		payOnline: providers.length > 0,
		paymentProviders: providers,
		paymentInstructions: opts.workspace.paymentInstructions,
		balance:
			balance && invoice
				? {
						label: balance.label,
						amountMinor: balance.amountMinor,
						dueDate: balance.dueDate,
						paid: balance.paidAt !== null,
						currency: invoice.currency
					}
				: null
	};
}

export type ProposalProgress = ReturnType<typeof proposalProgressFrom>;
