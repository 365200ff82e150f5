import { and, eq, sql } from 'drizzle-orm';
import { contracts, feedbackRequests, invoices, quotes, sessions, tasks, threads } from '../../../db/schema';
import type { Db } from '../../services/db';
import { addDays, todayIn } from '../calendar';
import { sessionClientScope } from '../tenancy';
import {
	contractsToSign,
	feedbackRequested,
	invoicesToPay,
	quotesToAnswer,
	tasksInQuery,
	unreadThreads
} from './attention-rules';

/** How many things of each kind wait on the signed-in client (the portal navigation's badges). */
export type AttentionCounts = {
	quotes: number;
	contracts: number;
	invoices: number;
	feedback: number;
	tasks: number;
	threads: number;
	total: number;
};

/**
 * The counts for the client of a session, as one statement that the portal's request
 * context puts in its own batch (the round trip that reads the session), so showing
 * them around every page costs no extra round trip. The workspace's time zone is not
 * known until that batch returns, and "today" decides whether a quote has expired, so
 * the quotes are counted for the three days "today" can be anywhere on Earth (UTC
 * yesterday, today, tomorrow) and `pickAttentionCounts` keeps the right one.
 */
export function attentionCountsQuery(db: Db, sessionId: string, now: number) {
	const utcToday = todayIn('UTC', now);
	const reader = { contactId: sql`${sessions.contactId}`, readerKey: sql`'contact:' || ${sessions.contactId}` };
	const quotesOn = (day: string) => db.$count(quotes, quotesToAnswer(sessionClientScope, day));
	return db
		.select({
			quotesYesterday: quotesOn(addDays(utcToday, -1)),
			quotesToday: quotesOn(utcToday),
			quotesTomorrow: quotesOn(addDays(utcToday, 1)),
			contracts: db.$count(contracts, contractsToSign(sessionClientScope)),
			invoices: db.$count(invoices, invoicesToPay(sessionClientScope)),
			feedback: db.$count(feedbackRequests, feedbackRequested(sessionClientScope)),
			tasks: db.$count(tasks, tasksInQuery(sessionClientScope)),
			threads: db.$count(threads, unreadThreads(sessionClientScope, reader))
		})
		.from(sessions)
		.where(and(eq(sessions.id, sessionId), eq(sessions.kind, 'client')))
		.limit(1);
}

type CountsRow = Awaited<ReturnType<typeof attentionCountsQuery>>[number];

/** The counts for the workspace's own "today" (see attentionCountsQuery). */
export function pickAttentionCounts(row: CountsRow | undefined, timezone: string, now: number): AttentionCounts | null {
	if (!row) return null;
	const utcToday = todayIn('UTC', now);
	const localToday = todayIn(timezone, now);
	const quotes =
		localToday < utcToday ? row.quotesYesterday : localToday > utcToday ? row.quotesTomorrow : row.quotesToday;
	const counts = {
		quotes,
		contracts: row.contracts,
		invoices: row.invoices,
		feedback: row.feedback,
		tasks: row.tasks,
		threads: row.threads
	};
	const numbers = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])) as Omit<
		AttentionCounts,
		'total'
	>;
	return { ...numbers, total: Object.values(numbers).reduce((a, b) => a + b, 0) };
}
