import { and, eq } from 'drizzle-orm';
import { contracts, contractTemplates } from '../../../db/schema';
import { AppError, type FieldErrors } from '../errors';
import { bpToInput, divRound, minorToInput, parseMoney, parsePercentBp } from '../money';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** What accepting a quote also asks of the client: a contract to sign and a deposit to pay. */
export type ProposalTerms = {
	contractTemplateId: string | null;
	contractId: string | null;
	depositPercentBp: number | null;
	depositFixedMinor: number | null;
	balanceDueDays: number | null;
};

export const NO_TERMS: ProposalTerms = {
	contractTemplateId: null,
	contractId: null,
	depositPercentBp: null,
	depositFixedMinor: null,
	balanceDueDays: null
};
const DEFAULT_BALANCE_DAYS = 30;
const MAX_BALANCE_DAYS = 365;

const text = (v: unknown) =>
	typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';

/**
 * The proposal settings of a quote form or JSON body, checked against the database:
 * - `contract`: '' (none), `template:<id>` (a contract generated from that template on acceptance)
 *   or `contract:<id>` (an existing contract of the same client, not void); JSON may send
 *   `contractTemplateId` or `contractId` instead;
 * - `deposit`: '' (none), a percentage of the accepted total ("30%") or an amount ("500.00");
 * - `balanceDueDays`: when the rest is due, in days after acceptance (default 30).
 */
export async function readProposalTerms(
	scope: Scope,
	raw: unknown,
	opts: { clientId: string; currency: string }
): Promise<{ terms: ProposalTerms; fields: FieldErrors }> {
	const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const fields: FieldErrors = {};
	const choice =
		text(input.contract) ||
		(text(input.contractTemplateId)
			? `template:${text(input.contractTemplateId)}`
			: text(input.contractId)
				? `contract:${text(input.contractId)}`
				: '');
	const [kind, id = ''] = choice ? choice.split(':', 2) : ['', ''];
	const db = scope.services.db;
	const [templates, linked] = await db.batch([
		db
			.select({ id: contractTemplates.id })
			.from(contractTemplates)
			.where(and(staffScope(contractTemplates, scope), eq(contractTemplates.id, kind === 'template' ? id : '-'))),
		db
			.select({ id: contracts.id, clientId: contracts.clientId, status: contracts.status })
			.from(contracts)
			.where(and(staffScope(contracts, scope), eq(contracts.id, kind === 'contract' ? id : '-')))
	]);
	const terms: ProposalTerms = { ...NO_TERMS };
	if (kind === 'template') {
		if (templates[0]) terms.contractTemplateId = templates[0].id;
		else fields.contract = 'That contract template no longer exists. Choose another.';
	} else if (kind === 'contract') {
		const contract = linked[0];
		if (!contract || contract.clientId !== opts.clientId)
			fields.contract = "Choose one of this client's contracts, a template, or none.";
		else if (contract.status === 'void')
			fields.contract = 'That contract is void. Choose another, a template, or none.';
		else terms.contractId = contract.id;
	} else if (choice) fields.contract = 'Choose a contract, a template, or none.';

	const deposit = text(input.deposit);
	if (deposit) {
		if (deposit.endsWith('%')) {
			const bp = parsePercentBp(deposit);
			if (bp === null || bp === 0) fields.deposit = 'Enter a percentage above 0 and up to 100, like 30%.';
			else terms.depositPercentBp = bp;
		} else {
			const minor = parseMoney(deposit, opts.currency);
			if (minor === null || minor <= 0)
				fields.deposit = `Enter a percentage like 30% or an amount in ${opts.currency} like 500.00.`;
			else terms.depositFixedMinor = minor;
		}
		const days = text(input.balanceDueDays);
		const n = days === '' ? DEFAULT_BALANCE_DAYS : Number(days);
		if (!Number.isInteger(n) || n < 0 || n > MAX_BALANCE_DAYS)
			fields.balanceDueDays = `Enter a whole number of days from 0 to ${MAX_BALANCE_DAYS}.`;
		else terms.balanceDueDays = n;
	}
	return { terms, fields };
}

/** The terms back as form values. */
export function termsFormValues(terms: ProposalTerms, currency: string): Record<string, string> {
	return {
		contract: terms.contractTemplateId
			? `template:${terms.contractTemplateId}`
			: terms.contractId
				? `contract:${terms.contractId}`
				: '',
		deposit:
			terms.depositPercentBp !== null
				? `${bpToInput(terms.depositPercentBp)}%`
				: terms.depositFixedMinor !== null
					? minorToInput(terms.depositFixedMinor, currency)
					: '',
		balanceDueDays: terms.balanceDueDays !== null ? String(terms.balanceDueDays) : ''
	};
}

/** The deposit on an accepted total: a percentage of it (rounded half away from zero) or the fixed amount, never more than the total. */
export function depositOn(
	totalMinor: number,
	terms: Pick<ProposalTerms, 'depositPercentBp' | 'depositFixedMinor'>
): number {
	if (terms.depositPercentBp !== null)
		return Math.min(totalMinor, divRound(totalMinor * terms.depositPercentBp, 10_000));
	if (terms.depositFixedMinor !== null) return Math.min(totalMinor, terms.depositFixedMinor);
	return 0;
}

export function hasDeposit(terms: Pick<ProposalTerms, 'depositPercentBp' | 'depositFixedMinor'>): boolean {
	return terms.depositPercentBp !== null || terms.depositFixedMinor !== null;
}

/** Throws the combined field errors of a quote form (the lines, and the proposal settings). */
export function throwFields(...groups: (FieldErrors | undefined)[]): void {
	const fields = Object.assign({}, ...groups.filter(Boolean)) as FieldErrors;
	if (Object.keys(fields).length)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });
}
