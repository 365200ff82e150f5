import { and, eq, exists, gt, inArray, notExists, sql, type SQL } from 'drizzle-orm';
import {
	contracts,
	feedbackRequests,
	feedbackResponses,
	invoices,
	messages,
	projects,
	quotes,
	tasks,
	threadReads,
	threads
} from '../../../db/schema';
import { SIGNABLE } from '../contracts/contract-status';
import { unpaidWhere } from '../invoices/overdue-where';
import { PORTAL_PROJECT_STATUSES } from '../projects/list-portal-projects';
import { ACCEPTABLE, notExpiredWhere } from '../quotes/quote-status';
import type { ClientOwned } from '../tenancy';

/**
 * What is waiting on a client, one SQL condition per kind. The portal home's list
 * (`list-attention.ts`) and the navigation's counts (`attention-counts.ts`) both
 * build their queries from these, so a count never disagrees with the list it
 * summarises. `scoped` is the tenancy condition for a table (`clientScope` for a
 * client's scope); `reader` says whose unread messages count.
 */
export type Scoped = (table: ClientOwned) => SQL;
export type Reader = { contactId: SQL | string; readerKey: SQL | string };

export const ATTENTION_KINDS = ['quote', 'contract', 'invoice', 'feedback', 'task', 'thread'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/** The project is one the portal shows (a cancelled project drops off the portal, and so does what hangs on it). */
function onVisibleProject(projectId: SQL | typeof tasks.projectId) {
	return exists(
		sql`(select 1 from ${projects} where ${projects.id} = ${projectId} and ${inArray(projects.status, PORTAL_PROJECT_STATUSES)})`
	);
}

/** Sent or viewed and not past its expiry date (in the workspace's "today"): the client can accept or decline it. */
export function quotesToAnswer(scoped: Scoped, today: string): SQL {
	return and(scoped(quotes), inArray(quotes.status, ACCEPTABLE), notExpiredWhere(today))!;
}

/** Sent or viewed: the client has not signed yet. */
export function contractsToSign(scoped: Scoped): SQL {
	return and(scoped(contracts), inArray(contracts.status, SIGNABLE))!;
}

/** Sent or partly paid with money still due (a client never sees drafts). */
export function invoicesToPay(scoped: Scoped): SQL {
	return and(scoped(invoices), unpaidWhere(), gt(invoices.totalMinor, invoices.amountPaidMinor))!;
}

/** An open request the client has not answered yet. */
export function feedbackRequested(scoped: Scoped): SQL {
	return and(
		scoped(feedbackRequests),
		eq(feedbackRequests.status, 'open'),
		notExists(sql`(select 1 from ${feedbackResponses} where ${feedbackResponses.requestId} = ${feedbackRequests.id})`),
		onVisibleProject(sql`${feedbackRequests.projectId}`)
	)!;
}

/** Tasks In Query: the team is waiting on an answer from the client. */
export function tasksInQuery(scoped: Scoped): SQL {
	return and(scoped(tasks), eq(tasks.status, 'in_query'), onVisibleProject(sql`${tasks.projectId}`))!;
}

/**
 * Threads with a message the reader has not read: by someone else, not an
 * internal note, after their read marker (the rule of the thread list's unread count).
 */
export function unreadThreads(scoped: Scoped, reader: Reader): SQL {
	const marker = sql`coalesce((select ${threadReads.lastReadSeq} from ${threadReads} where ${threadReads.threadId} = ${threads.id} and ${threadReads.readerKey} = ${reader.readerKey}), 0)`;
	return and(
		scoped(threads),
		eq(threads.internal, false),
		onVisibleProject(sql`${threads.projectId}`),
		exists(
			sql`(select 1 from ${messages} where ${messages.threadId} = ${threads.id} and ${messages.internal} = 0 and ${messages.seq} > ${marker}
				and not (${messages.authorKind} = 'client' and ${messages.authorId} = ${reader.contactId}))`
		)
	)!;
}
