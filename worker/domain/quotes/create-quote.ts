import { and, eq, isNull } from 'drizzle-orm';
import { clients, quoteItems, quotes } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { parseQuoteInput, type QuoteDraft } from './quote-input';
import { nextQuoteNumber } from './quote-number';
import { quoteLabel } from './quote-status';
import { withSavedTaxRate } from '../billing/saved-tax-rate';
import { readProposalTerms, throwFields, type ProposalTerms } from '../proposals/proposal-terms';

export function itemRows(workspaceId: string, quoteId: string, draft: QuoteDraft) {
	return draft.items.map((item, i) => ({
		id: newId('qti'),
		workspaceId,
		quoteId,
		position: i + 1,
		description: item.description,
		quantityMilli: item.quantityMilli,
		unitPriceMinor: item.unitPriceMinor,
		amountMinor: draft.lineAmounts[i],
		optional: item.optional,
		// Optional lines count once the client ticks them (accept-quote.ts).
		selected: !item.optional
	}));
}

export function totalsColumns(draft: QuoteDraft, taxName: string | null, terms: ProposalTerms) {
	return {
		title: draft.title,
		currency: draft.currency,
		discountMinor: draft.totals.discountMinor,
		taxBp: draft.taxBp,
		taxName: draft.taxBp ? taxName : null,
		...terms,
		subtotalMinor: draft.totals.subtotalMinor,
		taxMinor: draft.totals.taxMinor,
		totalMinor: draft.totals.totalMinor,
		notes: draft.notes,
		expiresOn: draft.expiresOn
	};
}

/** Staff start a quote for one of their clients; it stays a draft (invisible to the client) until sent. */
export async function createQuote(opts: Scope & { input: unknown }) {
	requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const saved = await withSavedTaxRate(opts, opts.input ?? {});
	const raw = saved.input;
	const clientId = typeof raw.clientId === 'string' ? raw.clientId : '';
	let draft: QuoteDraft | undefined;
	let problem: AppError | undefined;
	try {
		draft = parseQuoteInput(raw, workspace.defaultCurrency);
	} catch (e) {
		problem = e as AppError;
	}
	const { terms, fields: termFields } = await readProposalTerms(opts, raw, {
		clientId,
		currency: draft?.currency ?? workspace.defaultCurrency
	});
	const client = clientId
		? await db
				.select({ id: clients.id, name: clients.name })
				.from(clients)
				.where(and(staffScope(clients, opts), eq(clients.id, clientId), isNull(clients.archivedAt)))
				.get()
		: undefined;
	if (!client) {
		const fields = { ...(problem?.fields ?? {}), clientId: 'Choose a client.' };
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });
	}
	if (problem && !problem.fields) throw problem;
	throwFields(problem?.fields, termFields);
	if (!draft) throw problem;

	const id = newId('quo');
	const now = services.clock.now();
	const number = nextQuoteNumber(db, workspace.id);
	const [bumped] = await db.batch([
		number.bump,
		db.insert(quotes).values({
			id,
			workspaceId: workspace.id,
			clientId: client.id,
			number: number.numberSql,
			status: 'draft',
			...totalsColumns(draft, saved.taxName, terms),
			createdAt: now,
			updatedAt: now
		}),
		...insertChunks(db, quoteItems, itemRows(workspace.id, id, draft)),
		activityInsert(opts, {
			verb: 'quote.created',
			summary: `Drafted quote "${draft.title}" for ${client.name}`,
			clientId: client.id,
			subjectType: 'quote',
			subjectId: id
		})
	]);
	const value = (bumped as { value: number }[])[0].value;
	return { id, number: value, label: quoteLabel(value) };
}
