import type { ContractStatus, InvoiceStatus } from '../../../db/schema';

/**
 * One status for a whole proposal (an accepted quote with its contract and deposit), derived
 * when read from the quote, its contract and its invoice, so it can never lag or disagree with
 * them: accepted -> contract signed -> deposit paid -> complete. A step the proposal does not
 * ask for counts as done; steps can happen in either order (a deposit paid from the invoice page
 * before signing shows "deposit paid" until the contract is signed). A deposit invoice staff
 * voided no longer holds the proposal up.
 */
export type ProposalStatus = 'accepted' | 'contract_signed' | 'deposit_paid' | 'complete';

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
	accepted: 'Accepted: awaiting signature and deposit',
	contract_signed: 'Contract signed: awaiting deposit',
	deposit_paid: 'Deposit paid: awaiting signature',
	complete: 'Complete'
};

/** Short labels for lists and badges. */
export const PROPOSAL_STATUS_SHORT: Record<ProposalStatus, string> = {
	accepted: 'Accepted',
	contract_signed: 'Contract signed',
	deposit_paid: 'Deposit paid',
	complete: 'Complete'
};

export type ProposalFacts = {
	contractId: string | null;
	contractStatus: ContractStatus | null;
	invoiceId: string | null;
	invoiceStatus: InvoiceStatus | null;
	amountPaidMinor: number | null;
	acceptedDepositMinor: number | null;
};

export function proposalSteps(f: ProposalFacts) {
	const needsContract = Boolean(f.contractId);
	const contractSigned = f.contractStatus === 'signed' || f.contractStatus === 'countersigned';
	const needsDeposit = Boolean(f.invoiceId) && f.invoiceStatus !== 'void' && (f.acceptedDepositMinor ?? 0) > 0;
	const depositPaid =
		needsDeposit && (f.invoiceStatus === 'paid' || (f.amountPaidMinor ?? 0) >= (f.acceptedDepositMinor ?? 0));
	return { needsContract, contractSigned, needsDeposit, depositPaid };
}

export function proposalStatus(f: ProposalFacts): ProposalStatus {
	const s = proposalSteps(f);
	const signed = !s.needsContract || s.contractSigned;
	const paid = !s.needsDeposit || s.depositPaid;
	if (signed && paid) return 'complete';
	if (s.needsDeposit && s.depositPaid) return 'deposit_paid';
	if (s.needsContract && s.contractSigned) return 'contract_signed';
	return 'accepted';
}
