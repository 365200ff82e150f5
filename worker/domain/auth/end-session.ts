import type { Services } from '../../services';
import type { Actor } from '../actor';
import type { Workspace } from '../scope';
import { disconnectReader, readerOf } from '../threads/disconnect-reader';
import { revokeSession } from './sessions';

/**
 * Signs a session out: revokes it and, after the response, closes the live
 * thread sockets opened with it (only those: the person's other sessions stay
 * connected). A socket is authorised once, so without this it would keep
 * receiving new messages after the logout. Used by logout (page and API) and by
 * signing in again over an existing session.
 */
export async function endSession(opts: {
	services: Services;
	sessionId: string | null;
	workspace: Pick<Workspace, 'id'> | null;
	actor: Actor;
}): Promise<void> {
	const { services, sessionId, workspace } = opts;
	if (!sessionId) return;
	await revokeSession(services, sessionId);
	const reader = readerOf(opts.actor);
	if (reader && workspace) services.defer(disconnectReader({ services, workspaceId: workspace.id, reader, sessionId }));
}
