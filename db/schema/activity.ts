import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, pk } from './columns';

/**
 * Who did what, when. Written by domain functions next to the change itself
 * (same D1 batch) so the feed never disagrees with the data.
 */
export const activity = sqliteTable(
	'activity',
	{
		id: pk(),
		workspaceId: text().notNull(),
		clientId: text(),
		projectId: text(),
		actorKind: text().$type<'staff' | 'client' | 'system' | 'anonymous'>().notNull(),
		actorId: text(),
		actorName: text().notNull(),
		// Dotted verb, e.g. 'project.created', 'file.visibility_changed', 'invoice.paid'.
		verb: text().notNull(),
		subjectType: text(),
		subjectId: text(),
		summary: text().notNull(),
		createdAt: createdAt()
	},
	(t) => [
		index('activity_ws_created_idx').on(t.workspaceId, t.createdAt),
		index('activity_project_created_idx').on(t.projectId, t.createdAt)
	]
);
