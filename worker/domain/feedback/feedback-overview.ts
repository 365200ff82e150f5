import { and, desc, eq, sql } from 'drizzle-orm';
import { clientContacts, clients, feedbackResponses, projects } from '../../../db/schema';
import { requireStaff } from '../actor';
import { listQuery, type ListInput } from '../list-filters';
import { limitOffset, toPage } from '../pagination';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/**
 * The workspace's feedback at a glance: average rating, how many of each star,
 * and the latest responses with their comments (paginated, 20 a page). One D1 round trip.
 */
export async function feedbackOverview(opts: Scope & { input?: ListInput }) {
	requireStaff(opts.actor);
	const db = opts.services.db;
	const { page } = listQuery(opts.input, { pageSize: 20 });
	const { limit, offset } = limitOffset(page);
	const [totals, recent] = await db.batch([
		db
			.select({ rating: feedbackResponses.rating, n: sql<number>`count(*)` })
			.from(feedbackResponses)
			.where(staffScope(feedbackResponses, opts))
			.groupBy(feedbackResponses.rating),
		db
			.select({
				id: feedbackResponses.id,
				rating: feedbackResponses.rating,
				comment: feedbackResponses.comment,
				updatedAt: feedbackResponses.updatedAt,
				projectId: projects.id,
				projectName: projects.name,
				clientName: clients.name,
				contactName: clientContacts.name
			})
			.from(feedbackResponses)
			.innerJoin(projects, eq(projects.id, feedbackResponses.projectId))
			.innerJoin(clients, eq(clients.id, feedbackResponses.clientId))
			.leftJoin(clientContacts, and(eq(clientContacts.id, feedbackResponses.contactId)))
			.where(staffScope(feedbackResponses, opts))
			.orderBy(desc(feedbackResponses.updatedAt), desc(feedbackResponses.id))
			.limit(limit)
			.offset(offset)
	]);
	const distribution = [1, 2, 3, 4, 5].map((stars) => ({
		stars,
		count: totals.find((t) => t.rating === stars)?.n ?? 0
	}));
	const count = distribution.reduce((a, d) => a + d.count, 0);
	const sum = distribution.reduce((a, d) => a + d.count * d.stars, 0);
	// One decimal, computed in integers (tenths) so it never shows 4.299999.
	const averageTenths = count ? Math.round((sum * 10) / count) : null;
	return { count, averageTenths, distribution, recent: toPage(recent, page) };
}
