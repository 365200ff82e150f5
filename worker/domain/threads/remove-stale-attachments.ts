import { and, asc, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { files } from '../../../db/schema';
import type { Services } from '../../services';
import { PENDING_ATTACHMENT_TTL_MS } from './model';

/**
 * Cron: removes attachments uploaded for a message that was never sent (the
 * page was closed, the post failed for good) once they are a day old: the rows
 * (still pending, conditionally, so one a message takes meanwhile stays), then
 * their bytes. The search spells the partial index's condition
 * (files_pending_attachment_idx).
 */
export async function removeStaleAttachments(opts: { services: Services; limit?: number }): Promise<number> {
	const { services } = opts;
	const db = services.db;
	const stale = await db
		.select({ id: files.id })
		.from(files)
		.where(
			and(
				isNotNull(files.threadId),
				isNull(files.messageId),
				lte(files.createdAt, services.clock.now() - PENDING_ATTACHMENT_TTL_MS)
			)
		)
		.orderBy(asc(files.createdAt))
		.limit(opts.limit ?? 100);
	if (!stale.length) return 0;
	const removed = await db
		.delete(files)
		.where(
			and(
				inArray(
					files.id,
					stale.map((f) => f.id)
				),
				isNull(files.messageId)
			)
		)
		.returning({ storageKey: files.storageKey });
	for (const { storageKey } of removed) {
		await services.storage
			.delete(storageKey)
			.catch((error) => console.error('attachment blob not deleted', storageKey, error));
	}
	return removed.length;
}
