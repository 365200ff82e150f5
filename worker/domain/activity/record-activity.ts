import { sql, type SQL } from 'drizzle-orm';
import { activity } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { actorId, actorName, type Actor } from '../actor';
import type { Scope, Workspace } from '../scope';

/** What an activity row needs from its caller: only the workspace's id is read. */
type ActivityScope = Pick<Scope, 'services' | 'actor'> & { workspace: Pick<Workspace, 'id'> };

export type ActivityInput = {
	verb: string;
	summary: string;
	clientId?: string | null;
	projectId?: string | null;
	subjectType?: string;
	subjectId?: string;
	/** A fixed id (instead of a random one) makes the entry idempotent with .onConflictDoNothing(). */
	id?: string;
};

/** The activity row for a change, as the actor made it now. */
export function activityValues(scope: ActivityScope, input: ActivityInput): typeof activity.$inferInsert {
	const actor: Actor = scope.actor;
	return {
		id: input.id ?? newId('act'),
		workspaceId: scope.workspace.id,
		clientId: input.clientId ?? null,
		projectId: input.projectId ?? null,
		actorKind: actor.kind,
		actorId: actorId(actor),
		actorName: actorName(actor),
		verb: input.verb,
		subjectType: input.subjectType ?? null,
		subjectId: input.subjectId ?? null,
		summary: input.summary,
		createdAt: scope.services.clock.now()
	};
}

/**
 * An insert for the activity feed, to be put in the same D1 batch as the change
 * it describes (so the feed and the data never disagree).
 */
export function activityInsert(scope: ActivityScope, input: ActivityInput) {
	return scope.services.db.insert(activity).values(activityValues(scope, input));
}

/**
 * Like activityInsert, but only written when the statement just before it in the
 * batch changed a row (SQLite's changes()). For conditional writes (UPDATE ...
 * WHERE invoice_id IS NULL, a timer stopped once): a write that lost a race
 * leaves no entry in the feed.
 */
export function activityInsertIfChanged(scope: ActivityScope, input: ActivityInput) {
	const v = activityValues(scope, input);
	return scope.services.db
		.run(sql`INSERT INTO activity (id, workspace_id, client_id, project_id, actor_kind, actor_id, actor_name, verb, subject_type, subject_id, summary, created_at)
		SELECT ${v.id}, ${v.workspaceId}, ${v.clientId}, ${v.projectId}, ${v.actorKind}, ${v.actorId}, ${v.actorName}, ${v.verb}, ${v.subjectType}, ${v.subjectId}, ${v.summary}, ${v.createdAt}
		WHERE changes() > 0`);
}

/**
 * The same insert, made only if `condition` holds when the batch runs: for a
 * change that is itself conditional (WHERE status = 'open'), so the feed records
 * it exactly when it happened.
 */
export function activityInsertWhere(scope: ActivityScope, input: ActivityInput, condition: SQL) {
	return insertWhere(scope.services.db, activity, activityValues(scope, input), condition);
}
