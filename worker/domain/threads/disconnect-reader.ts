import { and, eq } from 'drizzle-orm';
import { threads } from '../../../db/schema';
import type { Services } from '../../services';
import type { Actor } from '../actor';
import type { SocketSelector } from './model';
import { threadRoom } from './room';

export type Reader = { kind: 'staff'; userId: string } | { kind: 'client'; contactId: string; clientId: string };

/**
 * Closes a person's open thread sockets when their access ends (an archived
 * contact or client, a staff member removed from the workspace), or only those
 * of one session when it is signed out (`sessionId`). A socket is authorised
 * once, at the upgrade, so without this it would keep receiving new messages
 * until it dropped. `sessionIds` closes those of several sessions in one call per
 * thread (signing out everywhere else). Returns how many sockets were closed.
 */
export async function disconnectReader(opts: {
	services: Services;
	workspaceId: string;
	reader: Reader;
	sessionId?: string;
	sessionIds?: string[];
}): Promise<number> {
	const { services, workspaceId, reader } = opts;
	if (opts.sessionIds?.length === 0) return 0;
	const rows = await services.db
		.select({ id: threads.id })
		.from(threads)
		.where(
			and(
				eq(threads.workspaceId, workspaceId),
				reader.kind === 'client' ? and(eq(threads.clientId, reader.clientId), eq(threads.internal, false)) : undefined
			)
		);
	const which: SocketSelector = opts.sessionIds
		? { sessionIds: opts.sessionIds }
		: opts.sessionId
			? { sessionId: opts.sessionId }
			: { readerKey: reader.kind === 'staff' ? `user:${reader.userId}` : `contact:${reader.contactId}` };
	const closed = await Promise.all(rows.map((t) => threadRoom(services, t.id).disconnect(which)));
	return closed.reduce((a, b) => a + b, 0);
}

/** The reader a signed-in actor is, or null. */
export function readerOf(actor: Actor): Reader | null {
	if (actor.kind === 'staff') return { kind: 'staff', userId: actor.userId };
	if (actor.kind === 'client') return { kind: 'client', contactId: actor.contactId, clientId: actor.clientId };
	return null;
}
