import { and, eq, exists, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { activity, quotes } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { activityValues } from '../activity/record-activity';
import { requireClient } from '../actor';
import { AppError, parseInput } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { findClientQuote } from './find-client-quote';
import { emailStaffAboutQuote } from './notify';
import { CHANGEABLE, notExpiredWhere, quoteLabel } from './quote-status';

const declineSchema = z.object({
	reason: z.string().trim().max(2000, 'Keep it under 2,000 characters.').optional(),
	version: z.coerce.number({ error: 'Reload the quote and try again.' }).int().positive()
});

/** The client turns a quote down (optionally saying why); staff are told and may revise and resend it. */
export async function declineQuote(opts: Scope & { quoteId: string; input: unknown }) {
	const client = requireClient(opts.actor);
	const { services } = opts;
	const db = services.db;
	const input = parseInput(declineSchema, opts.input);
	const now = services.clock.now();
	const { quote, clientName, status, today } = await findClientQuote(
		opts,
		[...CHANGEABLE, 'accepted', 'declined', 'expired'],
		now
	);
	if (!CHANGEABLE.includes(status))
		throw new AppError('conflict', `This quote is already ${status.replace('_', ' ')}.`);

	const where = and(
		clientScope(quotes, opts),
		eq(quotes.id, quote.id),
		eq(quotes.version, input.version),
		inArray(quotes.status, CHANGEABLE),
		notExpiredWhere(today)
	)!;
	const stillOpen = exists(db.select({ one: quotes.id }).from(quotes).where(where));
	const label = quoteLabel(quote.number);
	const results = await db.batch([
		insertWhere(
			db,
			activity,
			activityValues(opts, {
				verb: 'quote.declined',
				summary: `Declined ${label} "${quote.title}"${input.reason ? `: ${input.reason.slice(0, 200)}` : ''}`,
				clientId: quote.clientId,
				subjectType: 'quote',
				subjectId: quote.id
			}),
			stillOpen
		),
		db
			.update(quotes)
			.set({ status: 'declined', declinedAt: now, updatedAt: now })
			.where(where)
			.returning({ id: quotes.id })
	]);
	if ((results[1] as unknown[]).length === 0)
		throw new AppError('conflict', 'This quote changed just now. Reload it and try again.');
	services.defer(
		emailStaffAboutQuote(opts, quote, {
			kind: 'declined',
			clientName,
			byName: client.name,
			text: input.reason,
			key: `quote-declined:${quote.id}:v${quote.version}`
		})
	);
	return { id: quote.id };
}
