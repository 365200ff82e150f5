import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { activity, clientContacts } from '../../../db/schema';
import { requireStaff } from '../actor';
import { notFound } from '../errors';
import { projectSummaryQuery, withCompletion } from '../projects/list-projects';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { clientByIdQuery } from './find-client';

export const CLIENT_PAGE_PROJECTS = 20;
export const CLIENT_PAGE_ACTIVITY = 10;

export type ContactView = {
	id: string;
	name: string;
	email: string;
	isPrimary: boolean;
	lastInvitedAt: number | null;
	lastLoginAt: number | null;
	archivedAt: number | null;
};

/**
 * Everything the client page shows (staff only), in one D1 round trip: the
 * client, its contacts (active first, primary first), its projects with
 * completion %, and its latest activity.
 */
export async function getClientOverview(opts: Scope & { clientId: string }) {
	requireStaff(opts.actor);
	const db = opts.services.db;
	const [clientRows, contacts, projectRows, recent] = await db.batch([
		clientByIdQuery(opts, opts.clientId),
		db
			.select({
				id: clientContacts.id,
				name: clientContacts.name,
				email: clientContacts.email,
				isPrimary: clientContacts.isPrimary,
				lastInvitedAt: clientContacts.lastInvitedAt,
				lastLoginAt: clientContacts.lastLoginAt,
				archivedAt: clientContacts.archivedAt
			})
			.from(clientContacts)
			.where(and(staffScope(clientContacts, opts), eq(clientContacts.clientId, opts.clientId)))
			.orderBy(
				asc(sql`${clientContacts.archivedAt} is not null`),
				desc(clientContacts.isPrimary),
				asc(sql`${clientContacts.name} collate nocase`)
			)
			.limit(200),
		projectSummaryQuery({ ...opts, clientId: opts.clientId, limit: CLIENT_PAGE_PROJECTS + 1 }),
		db
			.select({
				id: activity.id,
				actorName: activity.actorName,
				verb: activity.verb,
				summary: activity.summary,
				projectId: activity.projectId,
				createdAt: activity.createdAt
			})
			.from(activity)
			.where(and(staffScope(activity, opts), eq(activity.clientId, opts.clientId)))
			.orderBy(desc(activity.createdAt), desc(activity.id))
			.limit(CLIENT_PAGE_ACTIVITY)
	]);
	const client = clientRows[0];
	if (!client) throw notFound('That client');
	return {
		client,
		contacts: contacts as ContactView[],
		projects: withCompletion(projectRows.slice(0, CLIENT_PAGE_PROJECTS)),
		moreProjects: projectRows.length > CLIENT_PAGE_PROJECTS,
		activity: recent
	};
}
