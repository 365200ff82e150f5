import { and, eq, exists, sql } from 'drizzle-orm';
import { activity, quoteItems, quotes } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { activityValues } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { itemRows, totalsColumns } from './create-quote';
import { parseQuoteInput } from './quote-input';
import { withSavedTaxRate } from '../billing/saved-tax-rate';
import { readProposalTerms, throwFields } from '../proposals/proposal-terms';
import { todayIn } from '../calendar';
import { QUOTE_STATUS_LABELS, canRevise, effectiveQuoteStatus, revisableWhere } from './quote-status';

/**
 * Staff edit a draft, or revise a quote the client asked to change (or that
 * was declined or expired) before sending it again. An open offer (sent or
 * viewed, not expired) cannot change under the client: the update, the item
 * replacement and the activity are all conditional on the quote still being
 * revisable when the batch runs.
 */
export async function updateQuote(opts: Scope & { quoteId: string; input: unknown }) {
	requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const now = services.clock.now();
	const today = todayIn(workspace.timezone, now);
	const current = await db
		.select()
		.from(quotes)
		.where(and(staffScope(quotes, opts), eq(quotes.id, opts.quoteId)))
		.get();
	if (!current) throw notFound('That quote');
	if (!canRevise(current, today)) throw notRevisable(effectiveQuoteStatus(current, today));
	const saved = await withSavedTaxRate(opts, opts.input ?? {});
	let draft;
	let problem: AppError | undefined;
	try {
		draft = parseQuoteInput(saved.input, current.currency);
	} catch (e) {
		problem = e as AppError;
	}
	const { terms, fields: termFields } = await readProposalTerms(opts, saved.input, {
		clientId: current.clientId,
		currency: draft?.currency ?? current.currency
	});
	if (problem && !problem.fields) throw problem;
	throwFields(problem?.fields, termFields);
	if (!draft) throw problem;

	const where = and(staffScope(quotes, opts), eq(quotes.id, current.id), revisableWhere(today))!;
	const stillRevisable = exists(db.select({ one: quotes.id }).from(quotes).where(where));
	const [updated] = await db.batch([
		db
			.update(quotes)
			// An open offer past its date is stored as expired, so a new date does not reopen it until it is sent again.
			.set({
				...totalsColumns(draft, saved.taxName, terms),
				status: sql`case when ${quotes.status} in ('sent', 'viewed') then 'expired' else ${quotes.status} end`,
				updatedAt: now
			})
			.where(where)
			.returning({ id: quotes.id }),
		db
			.delete(quoteItems)
			.where(and(eq(quoteItems.quoteId, current.id), eq(quoteItems.workspaceId, workspace.id), stillRevisable)),
		...itemRows(workspace.id, current.id, draft).map((row) => insertWhere(db, quoteItems, row, stillRevisable)),
		insertWhere(
			db,
			activity,
			activityValues(opts, {
				verb: 'quote.updated',
				summary: `Edited quote "${draft.title}"`,
				clientId: current.clientId,
				subjectType: 'quote',
				subjectId: current.id
			}),
			stillRevisable
		)
	]);
	if (updated.length === 0)
		throw new AppError('conflict', 'This quote changed while you were editing it. Reload it and try again.');
	return { id: current.id };
}

export function notRevisable(status: Parameters<typeof effectiveQuoteStatus>[0]['status']) {
	return new AppError(
		'conflict',
		status === 'accepted'
			? 'This quote has been accepted and can no longer change.'
			: `This quote is ${QUOTE_STATUS_LABELS[status].toLowerCase()} and waiting on the client, so it cannot be edited now.`
	);
}
