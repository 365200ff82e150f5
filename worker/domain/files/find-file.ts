import { and, eq, isNull } from 'drizzle-orm';
import { files } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/**
 * One project file the actor may see: staff, any file of their workspace; a
 * client, only their own company's files that are visible to them. Anything else
 * (another client's, another workspace's, internal, deleted, a message
 * attachment: those have their own rule, threads/find-attachment.ts) is "not found".
 */
export async function findFile(scope: Scope, fileId: string, projectId?: string) {
	const row = await scope.services.db
		.select()
		.from(files)
		.where(
			and(
				clientScope(files, scope),
				eq(files.id, fileId),
				isNull(files.threadId),
				projectId ? eq(files.projectId, projectId) : undefined,
				scope.actor.kind === 'client' ? eq(files.clientVisible, true) : undefined
			)
		)
		.get();
	if (!row) throw notFound('That file');
	return row;
}
