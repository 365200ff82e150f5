import { z } from 'zod';
import { requireMember } from '../actor';
import { AppError, parseInput } from '../errors';
import type { Scope } from '../scope';
import { getThread } from './get-thread';
import { readerKeyOf, roleOf, ROOM_HEADERS } from './model';
import { threadRoom } from './room';

const inputSchema = z.object({ after: z.coerce.number().int().min(0).catch(0).default(0) });

/**
 * Opens a live socket on a thread for a signed-in participant: the session was
 * resolved for this host (a client's only on their own workspace's portal),
 * and the thread must be one the actor may see (a client: their own company's,
 * never staff-only). Only then is the upgrade forwarded to the thread's room,
 * with the role and reader set here, never taken from the request. The room
 * first sends what came after `after`, then every new message.
 */
export async function connectToThread(
	opts: Scope & { threadId: string; input: unknown; upgrade: boolean }
): Promise<Response> {
	const actor = requireMember(opts.actor);
	const { after } = parseInput(inputSchema, opts.input ?? {});
	const { thread } = await getThread(opts);
	if (!opts.upgrade) throw new AppError('bad_request', 'This address only accepts WebSocket connections.');
	const url = new URL('https://thread-room/socket');
	url.searchParams.set('after', String(after));
	return threadRoom(opts.services, thread.id).fetch(
		new Request(url, {
			headers: {
				upgrade: 'websocket',
				[ROOM_HEADERS.threadId]: thread.id,
				[ROOM_HEADERS.shard]: opts.services.shard,
				[ROOM_HEADERS.role]: roleOf(actor)!,
				[ROOM_HEADERS.reader]: readerKeyOf(actor)!,
				// So that signing this session out closes this socket (endSession).
				...(actor.sessionId ? { [ROOM_HEADERS.session]: actor.sessionId } : {})
			}
		})
	);
}
