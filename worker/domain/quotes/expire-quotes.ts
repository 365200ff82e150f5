import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { quotes, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { isoDay } from '../../services/clock';
import { SCHEDULER_ACTOR } from '../actor';
import { todayIn } from '../calendar';
import { emailStaffAboutExpiredQuotes, type ExpiredQuote } from './notify';
import { EXPIRING, openQuoteWhere } from './quote-status';

/** Time zones run at most 14 hours ahead of UTC: no workspace's "today" is later than this. */
const MAX_AHEAD_MS = 14 * 3_600_000;
/** Quote ids per statement, under D1's 100 bound parameters. */
const CHUNK = 80;

/**
 * Cron: stores `expired` on open offers (sent, viewed, changes requested) whose
 * expiry date has passed in their workspace's time zone (valid through that day),
 * with a `quote.expired` activity entry each. Pages already *show* such a quote as
 * expired (`effectiveQuoteStatus`); this makes the stored status, lists, filters
 * and the feed agree without anyone opening it.
 *
 * Set-based, so a run costs a handful of queries however many quotes expire (D1
 * counts every statement against the per-invocation limit): one read, then per
 * distinct "today" (time zones give at most three) an INSERT ... SELECT of the
 * activity rows and the UPDATE, both with the same condition (still open, still
 * past), in one batch. The batch is one transaction, so the feed gets an entry for
 * exactly the quotes this run expired: overlapping runs, or a staff resend in
 * between, leave one entry per expiry.
 *
 * The UPDATE returns the quotes it changed, so this run knows exactly which ones
 * it expired (an overlapping run gets the others, or none): staff who keep quote
 * emails on get one email per workspace per run listing them, not one per quote.
 */
export async function expireQuotes(opts: { services: Services; limit?: number }): Promise<number> {
	const { services } = opts;
	const db = services.db;
	const now = services.clock.now();
	const candidates = await db
		.select({ id: quotes.id, expiresOn: quotes.expiresOn, timezone: workspaces.timezone })
		.from(quotes)
		.innerJoin(workspaces, eq(workspaces.id, quotes.workspaceId))
		.where(and(openQuoteWhere(), lt(quotes.expiresOn, isoDay(now + MAX_AHEAD_MS))))
		.orderBy(asc(quotes.expiresOn))
		.limit(opts.limit ?? 500);

	const byToday = new Map<string, string[]>();
	for (const q of candidates) {
		const today = todayIn(q.timezone, now);
		if (!q.expiresOn || q.expiresOn >= today) continue;
		const ids = byToday.get(today) ?? [];
		ids.push(q.id);
		byToday.set(today, ids);
	}
	const statements = [];
	for (const [today, ids] of byToday) {
		for (let i = 0; i < ids.length; i += CHUNK) {
			const chunk = ids.slice(i, i + CHUNK);
			const stillOpenAndPast = and(
				inArray(quotes.id, chunk),
				inArray(quotes.status, EXPIRING),
				lt(quotes.expiresOn, today)
			);
			statements.push(
				db.run(sql`INSERT INTO activity (id, workspace_id, client_id, project_id, actor_kind, actor_id, actor_name, verb, subject_type, subject_id, summary, created_at)
					SELECT 'act_' || lower(hex(randomblob(10))), ${quotes.workspaceId}, ${quotes.clientId}, NULL, ${SCHEDULER_ACTOR.kind}, NULL, ${SCHEDULER_ACTOR.name}, 'quote.expired', 'quote', ${quotes.id},
						'Quote Q-' || printf('%04d', ${quotes.number}) || ' "' || ${quotes.title} || '" expired (valid until ' || ${quotes.expiresOn} || ')', ${now}
					FROM ${quotes} WHERE ${stillOpenAndPast}`),
				db.update(quotes).set({ status: 'expired', updatedAt: now }).where(stillOpenAndPast).returning({
					id: quotes.id,
					workspaceId: quotes.workspaceId,
					clientId: quotes.clientId,
					number: quotes.number,
					title: quotes.title,
					expiresOn: quotes.expiresOn
				})
			);
		}
	}
	if (!statements.length) return 0;
	const results = await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
	const expired: ExpiredQuote[] = [];
	for (let i = 1; i < results.length; i += 2) expired.push(...(results[i] as ExpiredQuote[]));
	if (expired.length) await emailStaffAboutExpiredQuotes(services, expired, now);
	return expired.length;
}
