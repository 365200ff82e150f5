import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { files, messages, threads } from '../../../db/schema';
import { requireMember } from '../actor';
import { notFound, parseInput } from '../errors';
import { serveStoredFile } from '../files/open-file-download';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { messageScope, threadScope } from './thread-scope';

const inputSchema = z.object({
	threadId: z.string().min(1),
	fileId: z.string().min(1),
	projectId: z.string().min(1).optional(),
	preview: z.boolean().optional()
});

/**
 * Downloads (or, with `preview`, shows inline: images and PDF only) a message
 * attachment. The rule is the message's: the file must belong to a sent message
 * (never a pending upload) of this thread that the actor may read, so a client
 * gets only attachments of their own company's non-internal threads and never
 * an internal note's. Everything else is "not found". Only then is R2 read.
 */
export async function openAttachment(opts: Scope & { input: unknown }): Promise<Response> {
	requireMember(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const row = await opts.services.db
		.select({ id: files.id, name: files.name, contentType: files.contentType, storageKey: files.storageKey })
		.from(files)
		.innerJoin(messages, eq(messages.id, files.messageId))
		.innerJoin(threads, eq(threads.id, messages.threadId))
		.where(
			and(
				clientScope(files, opts),
				eq(files.id, input.fileId),
				eq(files.threadId, input.threadId),
				eq(messages.threadId, input.threadId),
				input.projectId ? eq(threads.projectId, input.projectId) : undefined,
				messageScope(opts),
				threadScope(opts)
			)
		)
		.get();
	if (!row) throw notFound('That attachment');
	return serveStoredFile(opts.services, row, input.preview ? 'preview' : 'download');
}
