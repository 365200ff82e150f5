import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { quotes, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { isoDay } from '../../services/clock';
import { activityInsertIfChanged } from '../activity/record-activity';
import type { SystemActor } from '../actor';
import { quoteLabel } from './quote-labels';
import { EXPIRING, todayIn } from './quote-status';

/** Who acts when the scheduled handler changes something: shown in the activity feed. */
export const SCHEDULER_ACTOR: SystemActor = { kind: 'system', name: 'CoPortal' };

/** Time zones run at most 14 hours ahead of UTC: no workspace's "today" is later than this. */
const MAX_AHEAD_MS = 14 * 3_600_000;

/**
 * Cron: stores `expired` on open offers (sent, viewed, changes requested) whose
 * expiry date has passed in their workspace's time zone (valid through that day),
 * with an activity entry. Pages already *show* such a quote as expired
 * (`effectiveQuoteStatus`); this makes the stored status, lists and filters agree
 * without anyone opening it. Idempotent: each update is conditional on the status
 * still being open and the date still past, and its activity entry is written only
 * when that update changed the row, so overlapping runs and a staff resend in
 * between leave exactly one entry per expiry.
 */
export async function expireQuotes(opts: { services: Services; limit?: number }): Promise<number> {
	const { services } = opts;
	const db = services.db;
	const now = services.clock.now();
	const latestToday = isoDay(now + MAX_AHEAD_MS);
	const candidates = await db
		.select({ quote: { id: quotes.id, number: quotes.number, title: quotes.title, status: quotes.status, clientId: quotes.clientId, expiresOn: quotes.expiresOn, version: quotes.version }, workspace: workspaces })
		.from(quotes)
		.innerJoin(workspaces, eq(workspaces.id, quotes.workspaceId))
		.where(and(inArray(quotes.status, EXPIRING), lt(quotes.expiresOn, latestToday)))
		.orderBy(asc(quotes.expiresOn))
		.limit(opts.limit ?? 200);
	const statements = [];
	for (const { quote, workspace } of candidates) {
		const today = todayIn(workspace.timezone, now);
		if (!quote.expiresOn || quote.expiresOn >= today) continue;
		const scope = { services, workspace, actor: SCHEDULER_ACTOR };
		statements.push(
			db
				.update(quotes)
				.set({ status: 'expired', updatedAt: now })
				.where(and(eq(quotes.id, quote.id), eq(quotes.workspaceId, workspace.id), inArray(quotes.status, EXPIRING), lt(quotes.expiresOn, today))),
			activityInsertIfChanged(scope, {
				verb: 'quote.expired',
				summary: `Quote ${quoteLabel(quote.number)} "${quote.title}" expired (valid until ${quote.expiresOn})`,
				clientId: quote.clientId,
				subjectType: 'quote',
				subjectId: quote.id
			})
		);
	}
	if (!statements.length) return 0;
	const results = await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
	let expired = 0;
	for (let i = 0; i < results.length; i += 2) expired += changesOf(results[i]);
	return expired;
}

function changesOf(result: unknown): number {
	const meta = (result as { meta?: { changes?: number } }).meta;
	return meta?.changes ?? 0;
}
