import { and, eq } from 'drizzle-orm';
import { messages } from '../../../db/schema';
import { actorId, requireMember } from '../actor';
import { AppError } from '../errors';
import type { UploadInput } from '../files/receive-upload';
import type { Scope } from '../scope';
import { MAX_ATTACHMENTS, type MessageAttachment, type ThreadMessage } from './model';
import { postMessage } from './post-message';
import { discardPendingAttachments, uploadAttachment } from './upload-attachment';
import { storageKeyOf } from '../files/upload-file';

/**
 * A message and its files in one form post (the thread page without
 * JavaScript; with it, the page uploads each file first and then posts their
 * ids). All or nothing: every file is uploaded as a pending attachment, then the
 * message takes them all; if a file is refused or the post fails, the files
 * already uploaded are removed at once, so nothing is left half-stored. A
 * resubmitted form (the same clientMsgId, already stored) uploads nothing again
 * and answers the stored message.
 */
export async function postMessageWithFiles(
	opts: Scope & { threadId: string; input: Record<string, unknown>; files: UploadInput[] }
): Promise<{ message: Pick<ThreadMessage, 'seq'>; created: boolean }> {
	requireMember(opts.actor);
	if (!opts.files.length) return postMessage({ ...opts, input: opts.input });
	const already = await postedMessage(opts, opts.input.clientMsgId);
	if (already) {
		for (const file of opts.files) await file.body?.cancel().catch(() => {});
		return { message: already, created: false };
	}
	if (opts.files.length > MAX_ATTACHMENTS)
		throw attachmentsError(
			'validation_failed',
			`Attach at most ${MAX_ATTACHMENTS} files to one message; you chose ${opts.files.length}.`
		);

	const uploaded: MessageAttachment[] = [];
	try {
		for (const file of opts.files) {
			try {
				uploaded.push(await uploadAttachment({ ...opts, input: file }));
			} catch (error) {
				// A refused file names itself in the form's attachments field.
				if (error instanceof AppError && error.fields?.file)
					throw attachmentsError(
						error.code,
						`${typeof file.name === 'string' ? file.name : 'A file'}: ${error.fields.file}`
					);
				throw error;
			}
		}
		return await postMessage({ ...opts, input: { ...opts.input, attachmentIds: uploaded.map((a) => a.id) } });
	} catch (error) {
		for (const file of opts.files) await file.body?.cancel().catch(() => {});
		await discardPendingAttachments(
			opts,
			uploaded.map((a) => ({ id: a.id, storageKey: storageKeyOf(opts.workspace.id, a.id) }))
		);
		// Two copies of one form raced: the other stored the message (and its files) first.
		const stored = await postedMessage(opts, opts.input.clientMsgId);
		if (stored) return { message: stored, created: false };
		throw error;
	}
}

/** The message this actor already stored under a clientMsgId in this thread, if any. */
async function postedMessage(
	opts: Scope & { threadId: string },
	clientMsgId: unknown
): Promise<{ seq: number } | null> {
	if (typeof clientMsgId !== 'string' || !clientMsgId) return null;
	const row = await opts.services.db
		.select({ seq: messages.seq, authorId: messages.authorId })
		.from(messages)
		.where(
			and(
				eq(messages.threadId, opts.threadId),
				eq(messages.workspaceId, opts.workspace.id),
				eq(messages.clientMsgId, clientMsgId)
			)
		)
		.get();
	return row && row.authorId === actorId(opts.actor) ? { seq: row.seq } : null;
}

function attachmentsError(code: AppError['code'], message: string): AppError {
	return new AppError(code, message, { fields: { attachments: message } });
}
