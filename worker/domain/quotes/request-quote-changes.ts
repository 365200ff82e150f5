import { and, eq, exists, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { activity, quoteChangeRequests, quotes } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { activityValues } from '../activity/record-activity';
import { requireClient } from '../actor';
import { AppError, parseInput } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { findClientQuote } from './find-client-quote';
import { emailStaffAboutQuote } from './notify';
import { CHANGEABLE, quoteLabel } from './quote-status';

const changeSchema = z.object({
	body: z
		.string({ error: 'Tell us what you would like changed.' })
		.trim()
		.min(1, 'Tell us what you would like changed.')
		.max(5000, 'Keep it under 5,000 characters.'),
	version: z.coerce.number({ error: 'Reload the quote and try again.' }).int().positive()
});

/**
 * The client asks for changes: the request is stored against the version they
 * read, the quote moves to "changes requested" (staff revise and resend), and
 * the staff are emailed. Allowed while the offer is open, including adding
 * another note while a revision is pending; an expired quote can also be
 * answered this way (it is how a client asks for a fresh one).
 */
export async function requestQuoteChanges(opts: Scope & { quoteId: string; input: unknown }) {
	const client = requireClient(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const input = parseInput(changeSchema, opts.input);
	const now = services.clock.now();
	const open: (typeof quotes.$inferSelect.status)[] = [...CHANGEABLE, 'expired'];
	const { quote, clientName, status } = await findClientQuote(opts, [...open, 'accepted', 'declined'], now);
	if (!open.includes(status))
		throw new AppError(
			'conflict',
			status === 'accepted'
				? 'This quote has already been accepted.'
				: 'This quote was declined. Ask for a new quote instead.'
		);
	if (quote.version !== input.version)
		throw new AppError(
			'conflict',
			'This quote has been revised since you opened it. Please review the latest version.'
		);

	const requestId = newId('qcr');
	const where = and(
		clientScope(quotes, opts),
		eq(quotes.id, quote.id),
		eq(quotes.version, input.version),
		inArray(quotes.status, open)
	)!;
	const stillOpen = exists(db.select({ one: quotes.id }).from(quotes).where(where));
	const results = await db.batch([
		insertWhere(
			db,
			quoteChangeRequests,
			{
				id: requestId,
				workspaceId: workspace.id,
				clientId: quote.clientId,
				quoteId: quote.id,
				contactId: client.contactId,
				body: input.body,
				quoteVersion: input.version,
				createdAt: now
			},
			stillOpen
		),
		insertWhere(
			db,
			activity,
			activityValues(opts, {
				verb: 'quote.changes_requested',
				summary: `Asked for changes to ${quoteLabel(quote.number)} "${quote.title}"`,
				clientId: quote.clientId,
				subjectType: 'quote',
				subjectId: quote.id
			}),
			stillOpen
		),
		// A quote past its date stays expired (the request is kept and staff are told), so the cron does not expire it a second time.
		db
			.update(quotes)
			.set({ status: status === 'expired' ? 'expired' : 'changes_requested', updatedAt: now })
			.where(where)
			.returning({ id: quotes.id })
	]);
	if ((results[2] as unknown[]).length === 0)
		throw new AppError('conflict', 'This quote changed just now. Reload it and try again.');
	services.defer(
		emailStaffAboutQuote(opts, quote, {
			kind: 'changes_requested',
			clientName,
			byName: client.name,
			text: input.body,
			key: `quote-changes:${requestId}`
		})
	);
	return { id: requestId };
}
