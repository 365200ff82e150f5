import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, pk, updatedAt } from './columns';
import { workspaces } from './workspaces';

/**
 * File metadata; the bytes are in R2 under storageKey. A staff upload is internal
 * unless staff share it; a client's upload (uploadedByContactId) is visible to
 * that client and staff. A message attachment has threadId, and messageId once
 * its message is stored (until then it is pending, seen by nobody, and removed
 * by the cron after a day); attachments are never in the project's file list.
 */
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
		threadId: text(),
		messageId: text(),
		// When staff were emailed about a client's upload (the cron batches them per project).
		staffNotifiedAt: integer(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('files_project_idx').on(t.projectId, t.createdAt),
		index('files_ws_client_idx').on(t.workspaceId, t.clientId),
		// Partial: a search for pending attachments (message_id IS NULL) must never walk it, as every project file has a null message_id.
		index('files_message_idx')
			.on(t.messageId)
			.where(sql`message_id IS NOT NULL`),
		// The cron's searches: partial, so only queries spelling the same condition use them.
		index('files_pending_attachment_idx')
			.on(t.createdAt)
			.where(sql`thread_id IS NOT NULL AND message_id IS NULL`),
		index('files_client_upload_unnotified_idx')
			.on(t.createdAt)
			.where(sql`uploaded_by_contact_id IS NOT NULL AND thread_id IS NULL AND staff_notified_at IS NULL`)
	]
);
