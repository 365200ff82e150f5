import { and, eq, type SQL } from 'drizzle-orm';
import { messages, threads } from '../../../db/schema';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/** Threads the actor may see: the tenancy rule, and a client never sees a staff-only thread. */
export function threadScope(scope: Pick<Scope, 'workspace' | 'actor'>): SQL {
	return and(clientScope(threads, scope), scope.actor.kind === 'client' ? eq(threads.internal, false) : undefined)!;
}

/** Messages the actor may see: the tenancy rule, and a client never sees an internal note. */
export function messageScope(scope: Pick<Scope, 'workspace' | 'actor'>): SQL {
	return and(clientScope(messages, scope), scope.actor.kind === 'client' ? eq(messages.internal, false) : undefined)!;
}
