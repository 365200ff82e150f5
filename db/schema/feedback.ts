import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, pk, timestamp, updatedAt } from './columns';
import { workspaces } from './workspaces';

/** Staff ask for feedback on a completed project; the client answers once (editable until closed). */
export const feedbackRequests = sqliteTable(
	'feedback_requests',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		projectId: text().notNull(),
		status: text().$type<'open' | 'closed'>().notNull().default('open'),
		requestedByUserId: text(),
		closedAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [
		index('feedback_requests_project_idx').on(t.projectId),
		// The portal's "needs your attention": a client's open requests (see ARCHITECTURE "D1 notes").
		index('feedback_requests_ws_client_idx').on(t.workspaceId, t.clientId, t.status)
	]
);

export const feedbackResponses = sqliteTable(
	'feedback_responses',
	{
		id: pk(),
		workspaceId: text().notNull(),
		clientId: text().notNull(),
		projectId: text().notNull(),
		requestId: text().notNull(),
		contactId: text(),
		rating: integer().notNull(),
		comment: text(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('feedback_responses_request_uq').on(t.requestId),
		index('feedback_responses_ws_idx').on(t.workspaceId, t.createdAt)
	]
);
