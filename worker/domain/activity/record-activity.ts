import { activity } from '../../../db/schema';
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
	/** A fixed id (instead of a random one) makes the entry idempotent with .onConflictDoNothing(). */
	id?: string;
};

/**
 * An insert for the activity feed, to be put in the same D1 batch as the change
 * it describes (so the feed and the data never disagree).
 */
export function activityInsert(scope: Pick<Scope, 'services' | 'workspace' | 'actor'>, input: ActivityInput) {
	const actor: Actor = scope.actor;
	return scope.services.db.insert(activity).values({
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
	});
}
