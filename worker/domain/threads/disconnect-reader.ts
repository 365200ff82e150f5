import { and, eq } from 'drizzle-orm';
import { threads } from '../../../db/schema';
import type { Services } from '../../services';
import { threadRoom } from './room';

export type Reader = { kind: 'staff'; userId: string } | { kind: 'client'; contactId: string; clientId: string };

/**
 * Closes a person's open thread sockets when their access ends (an archived
 * contact or client, a staff member removed from the workspace). A socket is
 * authorised once, at the upgrade, so without this it would keep receiving
 * new messages until it dropped. Returns how many sockets were closed.
 */
export async function disconnectReader(opts: { services: Services; workspaceId: string; reader: Reader }): Promise<number> {
	const { services, workspaceId, reader } = opts;
	const rows = await services.db
		.select({ id: threads.id })
		.from(threads)
		.where(and(eq(threads.workspaceId, workspaceId), reader.kind === 'client' ? and(eq(threads.clientId, reader.clientId), eq(threads.internal, false)) : undefined));
	const readerKey = reader.kind === 'staff' ? `user:${reader.userId}` : `contact:${reader.contactId}`;
	const closed = await Promise.all(rows.map((t) => threadRoom(services, t.id).disconnect(readerKey)));
	return closed.reduce((a, b) => a + b, 0);
}
