import { and, count, eq, exists, isNull } from 'drizzle-orm';
import { activity, clients, quoteChangeRequests, quoteItems, quotes } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { activityValues } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { chooseRecipients } from '../notifications/recipients';
import { emailQuoteToClient } from './notify';
import { notRevisable } from './update-quote';
import { todayIn } from '../calendar';
import { canRevise, effectiveQuoteStatus, isPastExpiry, quoteLabel, revisableWhere } from './quote-status';

/**
 * Sends a quote to the client contacts chosen (`input.recipients`; by default
 * the primary contact and those with portal access: chooseRecipients). Sending again after a revision
 * (changes requested, declined or expired) bumps the version, resolves the open
 * change requests and makes it an open offer again.
 */
export async function sendQuote(opts: Scope & { quoteId: string; input?: unknown }) {
	requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const now = services.clock.now();
	const today = todayIn(workspace.timezone, now);
	const [found, itemCount] = await db.batch([
		db.select({ quote: quotes, clientName: clients.name }).from(quotes).innerJoin(clients, eq(clients.id, quotes.clientId)).where(and(staffScope(quotes, opts), eq(quotes.id, opts.quoteId))).limit(1),
		db.select({ n: count() }).from(quoteItems).where(and(eq(quoteItems.quoteId, opts.quoteId), eq(quoteItems.workspaceId, workspace.id)))
	]);
	const row = found[0];
	if (!row) throw notFound('That quote');
	const quote = row.quote;
	if (!canRevise(quote, today)) throw notRevisable(effectiveQuoteStatus(quote, today));
	if ((itemCount[0]?.n ?? 0) === 0) throw new AppError('validation_failed', 'Add at least one line item before sending.', { fields: { items: 'Add at least one line item.' } });
	if (isPastExpiry(quote.expiresOn, today)) {
		throw new AppError('validation_failed', 'The expiry date has passed. Edit the quote and set a new one before sending.', { fields: { expiresOn: 'Set an expiry date from today on.' } });
	}
	const recipients = await chooseRecipients(opts, quote.clientId, opts.input);

	const version = quote.sentAt ? quote.version + 1 : quote.version;
	const label = quoteLabel(quote.number);
	// Every statement is conditional on the same "still revisable, same version"
	// state, and the quote itself is updated last, so they all happen or none do.
	const where = and(staffScope(quotes, opts), eq(quotes.id, quote.id), eq(quotes.version, quote.version), revisableWhere(today))!;
	const stillSendable = exists(db.select({ one: quotes.id }).from(quotes).where(where));
	const results = await db.batch([
		insertWhere(
			db,
			activity,
			activityValues(opts, {
				verb: 'quote.sent',
				summary: version > 1 ? `Sent ${label} "${quote.title}" (version ${version}) to ${row.clientName}` : `Sent ${label} "${quote.title}" to ${row.clientName}`,
				clientId: quote.clientId,
				subjectType: 'quote',
				subjectId: quote.id
			}),
			stillSendable
		),
		db
			.update(quoteChangeRequests)
			.set({ resolvedAt: now })
			.where(and(eq(quoteChangeRequests.quoteId, quote.id), eq(quoteChangeRequests.workspaceId, workspace.id), isNull(quoteChangeRequests.resolvedAt), stillSendable)),
		db.update(quotes).set({ status: 'sent', sentAt: now, version, declinedAt: null, updatedAt: now }).where(where).returning({ id: quotes.id })
	]);
	const sent = results[2];
	if (sent.length === 0) throw new AppError('conflict', 'This quote was changed or sent by someone else just now. Reload it and try again.');
	const to = await emailQuoteToClient(opts, { id: quote.id, number: quote.number, title: quote.title, clientId: quote.clientId, version, clientName: row.clientName }, recipients);
	return { id: quote.id, version, sentTo: to };
}
