import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { clients, contractTemplates, projects, quotes } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { quoteLabel } from '../quotes/quote-status';

/** What the contract form offers, in one round trip: clients, templates, and each client's projects and accepted quotes. */
export async function contractFormOptions(opts: Scope) {
	requireStaff(opts.actor);
	const db = opts.services.db;
	const [clientRows, templateRows, projectRows, quoteRows] = await db.batch([
		db
			.select({ id: clients.id, name: clients.name })
			.from(clients)
			.where(and(staffScope(clients, opts), isNull(clients.archivedAt)))
			.orderBy(asc(clients.name))
			.limit(500),
		db
			.select({ id: contractTemplates.id, name: contractTemplates.name, bodyMd: contractTemplates.bodyMd })
			.from(contractTemplates)
			.where(staffScope(contractTemplates, opts))
			.orderBy(asc(contractTemplates.name))
			.limit(200),
		db
			.select({ id: projects.id, name: projects.name, clientId: projects.clientId })
			.from(projects)
			.where(staffScope(projects, opts))
			.orderBy(desc(projects.createdAt))
			.limit(500),
		db
			.select({
				id: quotes.id,
				number: quotes.number,
				title: quotes.title,
				clientId: quotes.clientId,
				projectId: quotes.projectId
			})
			.from(quotes)
			.where(and(staffScope(quotes, opts), eq(quotes.status, 'accepted')))
			.orderBy(desc(quotes.number))
			.limit(500)
	]);
	return {
		clients: clientRows,
		templates: templateRows,
		projects: projectRows,
		quotes: quoteRows.map((q) => ({
			id: q.id,
			label: `${quoteLabel(q.number)} ${q.title}`,
			title: q.title,
			clientId: q.clientId,
			projectId: q.projectId
		}))
	};
}
