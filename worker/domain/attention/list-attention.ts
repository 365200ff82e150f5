import { desc, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/sqlite-core';
import { contracts, feedbackRequests, invoices, projects, quotes, tasks, threads } from '../../../db/schema';
import { requireClient } from '../actor';
import { formatInvoiceNumber } from '../invoices/invoice-number';
import { quoteLabel } from '../quotes/quote-labels';
import type { Scope } from '../scope';
import type { Db } from '../../services/db';
import type { Value } from '../../services/compiled-read';
import { clientScope } from '../tenancy';
import { compiledClientRead, type ClientScopeValues } from '../client-scope-values';
import {
	contractsToSign,
	feedbackRequested,
	invoicesToPay,
	quotesToAnswer,
	tasksInQuery,
	unreadThreads,
	type AttentionKind,
	type Scoped
} from './attention-rules';

/** The home shows at most this many items, newest first; the counts (in the navigation) stay exact. */
export const ATTENTION_LIST_LIMIT = 20;

export type AttentionItem = {
	kind: AttentionKind;
	id: string;
	/** Where the client acts on it, on their portal. */
	href: string;
	title: string;
	/** The project it belongs to, when it belongs to one. */
	projectName: string | null;
	/** Invoices: what is still due; quotes: the total. */
	amount: { minor: number; currency: string } | null;
	/** Quotes: valid until; invoices: due on (calendar dates). */
	dueDate: string | null;
	/** Invoices: past their due date (the workspace's today). */
	overdue: boolean;
	/** When it started waiting on the client (sent, asked, moved to In Query, last message). */
	at: number;
};

type Row = {
	kind: AttentionKind;
	id: string;
	projectId: string | null;
	title: string | null;
	number: number | null;
	amountMinor: number | null;
	currency: string | null;
	dueDate: string | null;
	at: number | null;
	projectName: string | null;
};

const nothing = <T>() => sql<T | null>`null`;
const projectNameOf = (projectId: unknown) =>
	sql<string | null>`(select ${projects.name} from ${projects} where ${projects.id} = ${projectId})`;

/**
 * What the signed-in client should act on, as two statements for the caller's batch
 * (the portal home's one round trip): documents (quotes, contracts, invoices) and
 * project work (feedback, tasks, threads), each a UNION ALL of three parts, newest
 * first. Two, not one: D1 refuses a compound SELECT of six terms. The WHERE of each
 * part comes from attention-rules.ts under `clientScope`. `toAttentionItems` merges them.
 */
export function attentionListQueries(
	opts: Pick<Scope, 'services' | 'workspace' | 'actor'>,
	today: string,
	limit = ATTENTION_LIST_LIMIT
) {
	const actor = requireClient(opts.actor);
	const values = { readerKey: `contact:${actor.contactId}`, today, limit };
	return [documentsRead(opts, actor, values), workRead(opts, actor, values)] as const;
}

type ListValues = ClientScopeValues & {
	readerKey: string;
	today: string;
	limit: number;
};

/**
 * The two statements are built once per isolate (services/compiled-read.ts): six SELECTs of ten
 * columns under the client's scope cost about 2.5 ms of drizzle building per portal home. The
 * scope is the same `clientScope` a client's request builds, with placeholders for its ids.
 */
const documentsRead = compiledClientRead((db, scope, value: Value<ListValues>) => {
	const parts = attentionParts(db, scope, value);
	return unionAll(parts[0], parts[1], parts[2])
		.orderBy(...NEWEST_FIRST)
		.limit(value('limit'));
});
const workRead = compiledClientRead((db, scope, value: Value<ListValues>) => {
	const parts = attentionParts(db, scope, value);
	return unionAll(parts[3], parts[4], parts[5])
		.orderBy(...NEWEST_FIRST)
		.limit(value('limit'));
});
const NEWEST_FIRST = [desc(sql`at`), desc(sql`id`)];

/** `scope`: the client's, with its ids as placeholders (compiledClientRead), so clientScope builds the request's WHERE. */
function attentionParts(db: Db, scope: Pick<Scope, 'workspace' | 'actor'>, value: Value<ListValues>) {
	const scoped: Scoped = (table) => clientScope(table, scope);
	const reader = {
		contactId: value('contactId') as unknown as string,
		readerKey: value('readerKey') as unknown as string
	};
	const today = value('today') as unknown as string;
	return [
		db
			.select({
				kind: sql<AttentionKind>`'quote'`.as('kind'),
				id: quotes.id,
				projectId: sql<string | null>`${quotes.projectId}`.as('project_id'),
				title: sql<string | null>`${quotes.title}`.as('title'),
				number: sql<number | null>`${quotes.number}`.as('number'),
				amountMinor: sql<number | null>`${quotes.totalMinor}`.as('amount_minor'),
				currency: sql<string | null>`${quotes.currency}`.as('currency'),
				dueDate: sql<string | null>`${quotes.expiresOn}`.as('due_date'),
				at: sql<number | null>`coalesce(${quotes.sentAt}, ${quotes.createdAt})`.as('at'),
				projectName: nothing<string>().as('project_name')
			})
			.from(quotes)
			.where(quotesToAnswer(scoped, today)),
		db
			.select({
				kind: sql<AttentionKind>`'contract'`.as('kind'),
				id: contracts.id,
				projectId: sql<string | null>`${contracts.projectId}`.as('project_id'),
				title: sql<string | null>`${contracts.title}`.as('title'),
				number: nothing<number>().as('number'),
				amountMinor: nothing<number>().as('amount_minor'),
				currency: nothing<string>().as('currency'),
				dueDate: nothing<string>().as('due_date'),
				at: sql<number | null>`coalesce(${contracts.sentAt}, ${contracts.createdAt})`.as('at'),
				projectName: nothing<string>().as('project_name')
			})
			.from(contracts)
			.where(contractsToSign(scoped)),
		db
			.select({
				kind: sql<AttentionKind>`'invoice'`.as('kind'),
				id: invoices.id,
				projectId: sql<string | null>`${invoices.projectId}`.as('project_id'),
				title: nothing<string>().as('title'),
				number: sql<number | null>`${invoices.number}`.as('number'),
				amountMinor: sql<number | null>`${invoices.totalMinor} - ${invoices.amountPaidMinor}`.as('amount_minor'),
				currency: sql<string | null>`${invoices.currency}`.as('currency'),
				dueDate: sql<string | null>`${invoices.dueDate}`.as('due_date'),
				at: sql<number | null>`coalesce(${invoices.sentAt}, ${invoices.createdAt})`.as('at'),
				projectName: nothing<string>().as('project_name')
			})
			.from(invoices)
			.where(invoicesToPay(scoped)),
		db
			.select({
				kind: sql<AttentionKind>`'feedback'`.as('kind'),
				id: feedbackRequests.id,
				projectId: sql<string | null>`${feedbackRequests.projectId}`.as('project_id'),
				title: nothing<string>().as('title'),
				number: nothing<number>().as('number'),
				amountMinor: nothing<number>().as('amount_minor'),
				currency: nothing<string>().as('currency'),
				dueDate: nothing<string>().as('due_date'),
				at: sql<number | null>`${feedbackRequests.createdAt}`.as('at'),
				projectName: projectNameOf(feedbackRequests.projectId).as('project_name')
			})
			.from(feedbackRequests)
			.where(feedbackRequested(scoped)),
		db
			.select({
				kind: sql<AttentionKind>`'task'`.as('kind'),
				id: tasks.id,
				projectId: sql<string | null>`${tasks.projectId}`.as('project_id'),
				title: sql<string | null>`${tasks.title}`.as('title'),
				number: nothing<number>().as('number'),
				amountMinor: nothing<number>().as('amount_minor'),
				currency: nothing<string>().as('currency'),
				dueDate: sql<string | null>`${tasks.dueDate}`.as('due_date'),
				at: sql<number | null>`${tasks.updatedAt}`.as('at'),
				projectName: projectNameOf(tasks.projectId).as('project_name')
			})
			.from(tasks)
			.where(tasksInQuery(scoped)),
		db
			.select({
				kind: sql<AttentionKind>`'thread'`.as('kind'),
				id: threads.id,
				projectId: sql<string | null>`${threads.projectId}`.as('project_id'),
				title: sql<string | null>`${threads.title}`.as('title'),
				number: nothing<number>().as('number'),
				amountMinor: nothing<number>().as('amount_minor'),
				currency: nothing<string>().as('currency'),
				dueDate: nothing<string>().as('due_date'),
				at: sql<number | null>`coalesce(${threads.lastMessageAt}, ${threads.createdAt})`.as('at'),
				projectName: projectNameOf(threads.projectId).as('project_name')
			})
			.from(threads)
			.where(unreadThreads(scoped, reader))
	] as const;
}

/** The results of `attentionListQueries` as the page shows them: one list, newest first, at most `limit`. */
export function toAttentionItems(
	results: readonly Row[][],
	today: string,
	limit = ATTENTION_LIST_LIMIT
): AttentionItem[] {
	const rows = results
		.flat()
		.sort((a, b) => Number(b.at ?? 0) - Number(a.at ?? 0) || (a.id < b.id ? 1 : -1))
		.slice(0, limit);
	return rows.map((r) => {
		const amount = r.amountMinor !== null && r.currency ? { minor: Number(r.amountMinor), currency: r.currency } : null;
		const overdue = r.kind === 'invoice' && Boolean(r.dueDate && r.dueDate < today);
		const base = { id: r.id, projectName: r.projectName, amount, dueDate: r.dueDate, overdue, at: Number(r.at ?? 0) };
		switch (r.kind) {
			case 'quote':
				return {
					...base,
					kind: r.kind,
					href: `/quotes/${r.id}`,
					title: `${quoteLabel(Number(r.number))}: ${r.title ?? ''}`
				};
			case 'contract':
				return { ...base, kind: r.kind, href: `/contracts/${r.id}`, title: r.title ?? 'Contract' };
			case 'invoice':
				return {
					...base,
					kind: r.kind,
					href: `/invoices/${r.id}`,
					title: `Invoice ${formatInvoiceNumber(Number(r.number))}`
				};
			case 'feedback':
				return { ...base, kind: r.kind, href: `/projects/${r.projectId}/feedback`, title: 'How did we do?' };
			case 'task':
				return { ...base, kind: r.kind, href: `/projects/${r.projectId}#task-${r.id}`, title: r.title ?? 'Task' };
			case 'thread':
				return {
					...base,
					kind: r.kind,
					href: `/projects/${r.projectId}/messages/${r.id}`,
					title: r.title ?? 'Messages'
				};
		}
	});
}
