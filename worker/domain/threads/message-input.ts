import { z } from 'zod';
import { MAX_ATTACHMENTS, MESSAGE_MAX_CHARS, TITLE_MAX_CHARS } from './model';

const count = (n: number) => n.toLocaleString('en');

/** A message's text: plain text, trimmed, at most MESSAGE_MAX_CHARS characters; may be empty (a message of attachments only). */
export const messageTextSchema = z
	.string({ error: 'Write a message first.' })
	.transform((s) => s.replace(/\r\n?/g, '\n').trim())
	.superRefine((s, ctx) => {
		if (s.length > MESSAGE_MAX_CHARS)
			ctx.addIssue({
				code: 'custom',
				message: `Messages can be at most ${count(MESSAGE_MAX_CHARS)} characters; this one has ${count(s.length)}. Shorten it or split it in two.`
			});
	});

/** A message body: as messageTextSchema, and not empty. */
export const bodySchema = messageTextSchema.refine((s) => s.length > 0, 'Write a message first.');

/** The pending attachments a message takes (ids from the attachment upload), one or a list. */
export const attachmentIdsSchema = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))])
	.pipe(
		z
			.array(z.string().regex(/^fil_[A-Za-z0-9_-]{1,60}$/, 'That attachment is not valid.'))
			.max(MAX_ATTACHMENTS, `Attach at most ${MAX_ATTACHMENTS} files to one message.`)
	);

export const titleSchema = z
	.string({ error: 'Give the thread a title.' })
	.trim()
	.min(1, 'Give the thread a title.')
	.max(TITLE_MAX_CHARS, `Keep the title under ${TITLE_MAX_CHARS} characters.`);

/** The sender's own id for a message, so a retry is recognised (a UUID from the page or the form). */
export const clientMsgIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9_-]{8,64}$/, 'That message id is not valid.')
	.optional()
	.or(z.literal('').transform(() => undefined));

/** A checkbox from a form ('on') or a boolean from JSON. */
export const checkboxSchema = z
	.union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true');
