import { and, eq } from 'drizzle-orm';
import { feedbackRequests } from '../../../db/schema';
import type { Scope } from '../scope';
import type { Db } from '../../services/db';
import type { Value } from '../../services/compiled-read';
import { compiledClientRead, type ClientScopeValues } from '../client-scope-values';
import { clientScope } from '../tenancy';

/** The query for "does this project have a feedback request"; alone or inside a batch (non-empty = yes). */
export function feedbackRequestExistsQuery(opts: Scope & { projectId: string }) {
	// A client's (every portal project tab's header asks) is compiled once per isolate.
	if (opts.actor.kind === 'client') return clientFeedbackRead(opts, opts.actor, { projectId: opts.projectId });
	return feedbackSelect(opts.services.db, opts, opts.projectId);
}

function feedbackSelect(db: Db, scope: Pick<Scope, 'workspace' | 'actor'>, projectId: string) {
	return db
		.select({ id: feedbackRequests.id })
		.from(feedbackRequests)
		.where(and(clientScope(feedbackRequests, scope), eq(feedbackRequests.projectId, projectId)))
		.limit(1);
}

const clientFeedbackRead = compiledClientRead((db, scope, value: Value<ClientScopeValues & { projectId: string }>) =>
	feedbackSelect(db, scope, value('projectId') as unknown as string)
);
