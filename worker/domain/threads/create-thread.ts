import { z } from 'zod';
import { threads } from '../../../db/schema';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { actorId, requireMember } from '../actor';
import { forbidden, parseInput } from '../errors';
import { findProject } from '../projects/find-project';
import type { Scope } from '../scope';
import { bodySchema, checkboxSchema, clientMsgIdSchema, titleSchema } from './message-input';
import type { ThreadMessage } from './model';
import { postMessage } from './post-message';

const inputSchema = z.object({
	projectId: z.string({ error: 'Say which project.' }).min(1, 'Say which project.'),
	title: titleSchema,
	body: bodySchema,
	internal: checkboxSchema,
	clientMsgId: clientMsgIdSchema
});

/**
 * Starts a named thread on a project with its first message. Staff may make
 * it staff-only (internal: never listed on the portal); clients cannot.
 */
export async function createThread(
	opts: Scope & { input: unknown }
): Promise<{ threadId: string; message: ThreadMessage }> {
	const actor = requireMember(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	if (actor.kind === 'client' && input.internal) throw forbidden('Only staff can start staff-only threads.');
	const db = opts.services.db;
	const project = await findProject(opts, input.projectId);
	const threadId = newId('thr');
	await db.batch([
		db.insert(threads).values({
			id: threadId,
			workspaceId: opts.workspace.id,
			clientId: project.clientId,
			projectId: project.id,
			title: input.title,
			internal: input.internal,
			createdByKind: actor.kind,
			createdById: actorId(actor),
			createdAt: opts.services.clock.now()
		}),
		activityInsert(opts, {
			verb: 'thread.created',
			summary: `${actor.name} started the conversation "${input.title}"`,
			// A staff-only thread stays out of anything a client could be shown.
			clientId: input.internal ? null : project.clientId,
			projectId: project.id,
			subjectType: 'thread',
			subjectId: threadId
		})
	]);
	const { message } = await postMessage({
		...opts,
		threadId,
		input: { body: input.body, clientMsgId: input.clientMsgId, internal: input.internal }
	});
	return { threadId, message };
}
