import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { clients, projects, quoteChangeRequests, quoteItems, quotes } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { todayIn } from '../calendar';
import { ACCEPTABLE, CHANGEABLE, CLIENT_VISIBLE, canRevise, effectiveQuoteStatus, quoteLabel } from './quote-status';

/** Rows of quotes the actor may read: staff all of the workspace's, a client their own that were sent (never drafts). */
export function quoteScope(scope: Pick<Scope, 'workspace' | 'actor'>) {
	const base = clientScope(quotes, scope);
	return scope.actor.kind === 'client' ? and(base, inArray(quotes.status, CLIENT_VISIBLE))! : base;
}

/**
 * The statements of one quote in full (items, change requests, the project it became), for
 * `getQuote` and for pages that read more in the same D1 batch (proposals/open-proposal.ts).
 * When a client opens it, `recordView` is the write that goes first in that batch: first
 * viewed time, open count, and sent -> viewed.
 */
export function quoteDetailStatements(opts: Scope & { quoteId: string; countView?: boolean }) {
	const db = opts.services.db;
	const now = opts.services.clock.now();
	const where = and(quoteScope(opts), eq(quotes.id, opts.quoteId));
	const readQuote = db
		.select({ quote: quotes, clientName: clients.name, projectName: projects.name })
		.from(quotes)
		.innerJoin(clients, eq(clients.id, quotes.clientId))
		.leftJoin(projects, eq(projects.id, quotes.projectId))
		.where(where)
		.limit(1);
	const readItems = db
		.select()
		.from(quoteItems)
		.where(and(eq(quoteItems.quoteId, opts.quoteId), eq(quoteItems.workspaceId, opts.workspace.id)))
		.orderBy(asc(quoteItems.position));
	const readRequests = db
		.select()
		.from(quoteChangeRequests)
		.where(and(clientScope(quoteChangeRequests, opts), eq(quoteChangeRequests.quoteId, opts.quoteId)))
		.orderBy(desc(quoteChangeRequests.createdAt));
	const recordView =
		opts.actor.kind === 'client' && opts.countView !== false
			? db
					.update(quotes)
					.set({
						viewCount: sql`${quotes.viewCount} + 1`,
						firstViewedAt: sql`coalesce(${quotes.firstViewedAt}, ${now})`,
						lastViewedAt: now,
						status: sql`case when ${quotes.status} = 'sent' then 'viewed' else ${quotes.status} end`
					})
					.where(where)
			: null;
	return { recordView, readQuote, readItems, readRequests };
}

type Statements = ReturnType<typeof quoteDetailStatements>;
export type QuoteDetailRows = {
	found: Awaited<Statements['readQuote']>;
	items: Awaited<Statements['readItems']>;
	changeRequests: Awaited<Statements['readRequests']>;
};

/** One quote in full, in one D1 batch (with the client's view recorded first, see above). */
export async function getQuote(opts: Scope & { quoteId: string; countView?: boolean }) {
	const db = opts.services.db;
	const { recordView, readQuote, readItems, readRequests } = quoteDetailStatements(opts);
	let found, items, changeRequests;
	if (recordView) [, found, items, changeRequests] = await db.batch([recordView, readQuote, readItems, readRequests]);
	else [found, items, changeRequests] = await db.batch([readQuote, readItems, readRequests]);
	return quoteDetailFrom(opts, { found, items, changeRequests });
}

/** The quote detail from the rows of `quoteDetailStatements`. */
export function quoteDetailFrom(opts: Scope, { found, items, changeRequests }: QuoteDetailRows) {
	const { workspace, actor } = opts;
	const now = opts.services.clock.now();
	const row = found[0];
	if (!row) throw notFound('That quote');
	const quote = row.quote;
	const today = todayIn(workspace.timezone, now);
	const status = effectiveQuoteStatus(quote, today);
	const forStaff = actor.kind !== 'client';
	return {
		quote: {
			id: quote.id,
			number: quote.number,
			label: quoteLabel(quote.number),
			title: quote.title,
			clientId: quote.clientId,
			clientName: row.clientName,
			status,
			storedStatus: quote.status,
			currency: quote.currency,
			subtotalMinor: quote.subtotalMinor,
			discountMinor: quote.discountMinor,
			taxBp: quote.taxBp,
			taxName: quote.taxName,
			taxMinor: quote.taxMinor,
			totalMinor: quote.totalMinor,
			notes: quote.notes,
			expiresOn: quote.expiresOn,
			version: quote.version,
			sentAt: quote.sentAt,
			acceptedAt: quote.acceptedAt,
			declinedAt: quote.declinedAt,
			projectId: quote.projectId,
			projectName: row.projectName,
			// The proposal: what accepting also asks (a contract, a deposit) and what it made.
			contractTemplateId: quote.contractTemplateId,
			contractId: quote.contractId,
			depositPercentBp: quote.depositPercentBp,
			depositFixedMinor: quote.depositFixedMinor,
			balanceDueDays: quote.balanceDueDays,
			acceptedDepositMinor: quote.acceptedDepositMinor,
			invoiceId: quote.invoiceId,
			attachToProjectId: quote.attachToProjectId,
			createdAt: quote.createdAt,
			updatedAt: quote.updatedAt,
			// View tracking is for the staff side.
			...(forStaff
				? { viewCount: quote.viewCount, firstViewedAt: quote.firstViewedAt, lastViewedAt: quote.lastViewedAt }
				: {})
		},
		items: items.map((i) => ({
			id: i.id,
			position: i.position,
			description: i.description,
			quantityMilli: i.quantityMilli,
			unitPriceMinor: i.unitPriceMinor,
			amountMinor: i.amountMinor,
			optional: i.optional,
			selected: i.selected
		})),
		changeRequests: changeRequests.map((c) => ({
			id: c.id,
			body: c.body,
			quoteVersion: c.quoteVersion,
			createdAt: c.createdAt,
			resolvedAt: c.resolvedAt
		})),
		can: {
			accept: !forStaff && ACCEPTABLE.includes(status),
			requestChanges: !forStaff && CHANGEABLE.includes(status),
			decline: !forStaff && CHANGEABLE.includes(status),
			edit: forStaff && canRevise(quote, today),
			send: forStaff && canRevise(quote, today)
		}
	};
}

export type QuoteDetail = ReturnType<typeof quoteDetailFrom>;
