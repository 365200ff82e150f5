import { and, asc, eq, exists, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { activity, clients, projects, quoteItems, quotes, tasks } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { formatDate } from '../format';
import { activityValues } from '../activity/record-activity';
import { requireClient } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { emailStaffAboutQuote } from './notify';
import { todayIn } from '../calendar';
import { ACCEPTABLE, effectiveQuoteStatus, notExpiredWhere, quoteLabel } from './quote-status';

const acceptSchema = z.object({
	confirm: z.union([z.literal(true), z.literal('on'), z.literal('true')], { error: 'Tick the box to confirm you accept this quote.' }),
	version: z.coerce.number({ error: 'Reload the quote and try again.' }).int().positive()
});

type QuoteRow = typeof quotes.$inferSelect;

/** Why a quote cannot be accepted, in words for the client. */
function refusal(quote: QuoteRow, today: string, version: number): AppError {
	const status = effectiveQuoteStatus(quote, today);
	if (status === 'accepted') return new AppError('conflict', 'This quote has already been accepted.');
	if (status === 'expired') return new AppError('gone', `This quote expired${quote.expiresOn ? ` on ${formatDate(quote.expiresOn)}` : ''} and can no longer be accepted. Ask for an updated quote.`);
	if (quote.version !== version) return new AppError('conflict', 'This quote has been revised since you opened it. Please review the latest version.');
	if (status === 'changes_requested') return new AppError('conflict', 'You asked for changes to this quote. Wait for the revised quote to accept it.');
	return new AppError('conflict', `This quote is ${status.replace('_', ' ')} and can no longer be accepted.`);
}

/**
 * The client accepts a quote. Exactly once, however many clicks, tabs or
 * devices: every statement of the batch (the project, its tasks, the activity
 * and finally the quote's own status) is conditional on the quote still being
 * open, at this version and not expired; D1 runs a batch as one transaction,
 * so of concurrent attempts one commits and the others change nothing.
 */
export async function acceptQuote(opts: Scope & { quoteId: string; input: unknown }) {
	const client = requireClient(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const input = parseInput(acceptSchema, opts.input);
	const now = services.clock.now();
	const today = todayIn(workspace.timezone, now);
	const scoped = and(clientScope(quotes, opts), eq(quotes.id, opts.quoteId), inArray(quotes.status, [...ACCEPTABLE, 'accepted', 'changes_requested', 'declined', 'expired']));

	const [found, items] = await db.batch([
		db.select({ quote: quotes, clientName: clients.name }).from(quotes).innerJoin(clients, eq(clients.id, quotes.clientId)).where(scoped).limit(1),
		db.select().from(quoteItems).where(and(eq(quoteItems.quoteId, opts.quoteId), eq(quoteItems.workspaceId, workspace.id))).orderBy(asc(quoteItems.position))
	]);
	if (!found[0]) throw notFound('That quote');
	const { quote, clientName } = found[0];
	if (!ACCEPTABLE.includes(effectiveQuoteStatus(quote, today)) || quote.version !== input.version) {
		await markExpired(opts, quote, today);
		throw refusal(quote, today, input.version);
	}

	const label = quoteLabel(quote.number);
	const projectId = newId('prj');
	const where = and(clientScope(quotes, opts), eq(quotes.id, quote.id), inArray(quotes.status, ACCEPTABLE), eq(quotes.version, input.version), notExpiredWhere(today))!;
	const stillOpen = exists(db.select({ one: quotes.id }).from(quotes).where(where));
	const results = await db.batch([
		insertWhere(
			db,
			projects,
			{
				id: projectId,
				workspaceId: workspace.id,
				clientId: quote.clientId,
				name: quote.title,
				description: `Created from quote ${label}, accepted by ${client.name}.${quote.notes ? `\n\n${quote.notes}` : ''}`,
				status: 'active',
				startDate: today,
				quoteId: quote.id,
				createdAt: now,
				updatedAt: now
			},
			stillOpen
		),
		...items.map((item) =>
			insertWhere(
				db,
				tasks,
				{ id: newId('tsk'), workspaceId: workspace.id, clientId: quote.clientId, projectId, title: item.description.slice(0, 200), status: 'todo', position: item.position, createdAt: now, updatedAt: now },
				stillOpen
			)
		),
		insertWhere(db, activity, activityValues(opts, { verb: 'quote.accepted', summary: `Accepted ${label} "${quote.title}"`, clientId: quote.clientId, projectId, subjectType: 'quote', subjectId: quote.id }), stillOpen),
		insertWhere(db, activity, activityValues(opts, { verb: 'project.created', summary: `Project "${quote.title}" created from ${label}`, clientId: quote.clientId, projectId, subjectType: 'project', subjectId: projectId }), stillOpen),
		db.update(quotes).set({ status: 'accepted', acceptedAt: now, acceptedByContactId: client.contactId, projectId, updatedAt: now }).where(where).returning({ id: quotes.id })
	]);
	const accepted = results[results.length - 1] as { id: string }[];
	if (accepted.length === 0) {
		const latest = await db.select().from(quotes).where(scoped).get();
		throw latest ? refusal(latest, today, input.version) : notFound('That quote');
	}
	services.defer(emailStaffAboutQuote(opts, quote, { kind: 'accepted', clientName, byName: client.name, projectId, key: `quote-accepted:${quote.id}` }));
	return { quoteId: quote.id, projectId };
}

/** An open offer found past its date is stored as expired, so lists and filters agree with what the client saw. */
async function markExpired(opts: Scope, quote: QuoteRow, today: string) {
	if (effectiveQuoteStatus(quote, today) !== 'expired' || quote.status === 'expired') return;
	await opts.services.db
		.update(quotes)
		.set({ status: 'expired' })
		.where(and(clientScope(quotes, opts), eq(quotes.id, quote.id), inArray(quotes.status, ACCEPTABLE)));
}

