import type { SQL } from 'drizzle-orm';
import { activity } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { actorId, actorName, type Actor } from '../actor';
import type { Scope } from '../scope';

export type ActivityInput = {
	verb: string;
	summary: string;
	clientId?: string | null;
	projectId?: string | null;
	subjectType?: string;
	subjectId?: string;
};

/**
 * An insert for the activity feed, to be put in the same D1 batch as the change
 * it describes (so the feed and the data never disagree).
 */
export function activityInsert(scope: Pick<Scope, 'services' | 'workspace' | 'actor'>, input: ActivityInput) {
	return scope.services.db.insert(activity).values(activityRow(scope, input));
}

/**
 * The same insert, made only if `condition` holds when the batch runs: for a
 * change that is itself conditional (WHERE status = 'open'), so the feed records
 * it exactly when it happened.
 */
export function activityInsertWhere(scope: Pick<Scope, 'services' | 'workspace' | 'actor'>, input: ActivityInput, condition: SQL) {
	return insertWhere(scope.services.db, activity, activityRow(scope, input), condition);
}

function activityRow(scope: Pick<Scope, 'services' | 'workspace' | 'actor'>, input: ActivityInput): typeof activity.$inferInsert {
	const actor: Actor = scope.actor;
	return {
		id: newId('act'),
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
