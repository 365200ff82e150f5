import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, pk, updatedAt } from './columns';
import { workspaces } from './workspaces';

/** File metadata; the bytes are in R2 under storageKey. Internal (not client-visible) by default. */
export const files = sqliteTable(
	'files',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		projectId: text(),
		name: text().notNull(),
		storageKey: text().notNull(),
		contentType: text().notNull(),
		sizeBytes: integer().notNull(),
		clientVisible: flag(false),
		uploadedByUserId: text(),
		uploadedByContactId: text(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('files_project_idx').on(t.projectId, t.createdAt), index('files_ws_client_idx').on(t.workspaceId, t.clientId)]
);
