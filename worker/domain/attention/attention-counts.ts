import { and, eq, sql } from 'drizzle-orm';
import { contracts, feedbackRequests, invoices, quotes, sessions, tasks, threads } from '../../../db/schema';
import type { Db } from '../../services/db';
import { compiledRead, type Value } from '../../services/compiled-read';
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
type CountValues = { sessionId: string; yesterday: string; today: string; tomorrow: string };
const countsRead = compiledRead((db, value: Value<CountValues>) => {
	const reader = { contactId: sql`${sessions.contactId}`, readerKey: sql`'contact:' || ${sessions.contactId}` };
	// A placeholder stands for the day: the SQL is built once per isolate (compiled-read.ts).
	const quotesOn = (day: 'yesterday' | 'today' | 'tomorrow') =>
		db.$count(quotes, quotesToAnswer(sessionClientScope, value(day) as unknown as string));
	return db
		.select({
			quotesYesterday: quotesOn('yesterday'),
			quotesToday: quotesOn('today'),
			quotesTomorrow: quotesOn('tomorrow'),
			contracts: db.$count(contracts, contractsToSign(sessionClientScope)),
			invoices: db.$count(invoices, invoicesToPay(sessionClientScope)),
			feedback: db.$count(feedbackRequests, feedbackRequested(sessionClientScope)),
			tasks: db.$count(tasks, tasksInQuery(sessionClientScope)),
			threads: db.$count(threads, unreadThreads(sessionClientScope, reader))
		})
		.from(sessions)
		.where(and(eq(sessions.id, value('sessionId')), eq(sessions.kind, 'client')))
		.limit(1);
});

export function attentionCountsQuery(db: Db, sessionId: string, now: number) {
	const today = todayIn('UTC', now);
	return countsRead(db, { sessionId, yesterday: addDays(today, -1), today, tomorrow: addDays(today, 1) });
}

/** One row of `attentionCountsQuery`. */
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
