import { and, eq, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { sessions } from '../../db/schema';
import type { Actor } from './actor';
import { AppError, forbidden } from './errors';
import type { Scope } from './scope';

/**
 * The one place where tenancy is enforced. Every query on tenant data takes its
 * WHERE from here:
 *  - staff see rows of their workspace;
 *  - a client sees rows of their workspace AND their own client company;
 *  - anyone else sees nothing (an error, so a missing check fails loudly).
 * Every client-owned table carries workspaceId and clientId for this reason.
 */
export type WorkspaceOwned = { workspaceId: AnySQLiteColumn };
export type ClientOwned = WorkspaceOwned & { clientId: AnySQLiteColumn };

function signedIn(actor: Actor): void {
	if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Please sign in.');
}

/** Rows of a client-owned table the actor may read. `clientColumn` names the client column when it is not clientId (clients.id). */
export function clientScope(table: ClientOwned, scope: Pick<Scope, 'workspace' | 'actor'>): SQL;
export function clientScope(
	table: WorkspaceOwned,
	scope: Pick<Scope, 'workspace' | 'actor'>,
	clientColumn: AnySQLiteColumn
): SQL;
export function clientScope(
	table: WorkspaceOwned & { clientId?: AnySQLiteColumn },
	scope: Pick<Scope, 'workspace' | 'actor'>,
	clientColumn?: AnySQLiteColumn
): SQL {
	signedIn(scope.actor);
	const inWorkspace = eq(table.workspaceId, scope.workspace.id);
	switch (scope.actor.kind) {
		case 'staff':
		case 'system':
			return inWorkspace;
		case 'client':
			return and(inWorkspace, eq((clientColumn ?? table.clientId)!, scope.actor.clientId))!;
		default:
			throw forbidden();
	}
}

/** Rows of a workspace-level table only staff may read (clients list, leads, settings...). */
export function staffScope(table: WorkspaceOwned, scope: Pick<Scope, 'workspace' | 'actor'>): SQL {
	signedIn(scope.actor);
	if (scope.actor.kind !== 'staff' && scope.actor.kind !== 'system') throw forbidden();
	return eq(table.workspaceId, scope.workspace.id);
}

/** Rows of a workspace any visitor of its portal may read (published intake forms, branding). */
export function publicScope(table: WorkspaceOwned, scope: Pick<Scope, 'workspace'>): SQL {
	return eq(table.workspaceId, scope.workspace.id);
}

/**
 * Rows of a client-owned table belonging to the client of the session row in the same
 * statement (`sessions` in its FROM). Only for the portal's request context, which reads
 * the session and what it needs to show around every page in one round trip, and which
 * throws the result away unless it accepts that session for the host's workspace
 * (`loadRequestContext`), so this is the same rule as `clientScope` for that client.
 */
export function sessionClientScope(table: ClientOwned): SQL {
	return and(eq(table.workspaceId, sessions.workspaceId), eq(table.clientId, sessions.clientId))!;
}
