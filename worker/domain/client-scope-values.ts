import type { RunnableQuery } from 'drizzle-orm/runnable-query';
import { compiledRead, type Value } from '../services/compiled-read';
import type { Db } from '../services/db';
import type { ClientActor } from './actor';
import type { Scope } from './scope';

/** The ids a client's scope binds: what a compiled read (services/compiled-read.ts) of a portal page is given. */
export type ClientScopeValues = { workspaceId: string; clientId: string; contactId: string };

export function clientScopeValues(workspace: Scope['workspace'], actor: ClientActor): ClientScopeValues {
	return { workspaceId: workspace.id, clientId: actor.clientId, contactId: actor.contactId };
}

/**
 * A client's scope with its ids as placeholders, for a compiled read's builder: `clientScope`
 * (tenancy.ts) given it builds exactly the WHERE it builds for a client's request, so the scope
 * stays enforced in one place.
 */
export function placeholderClientScope<V extends ClientScopeValues>(
	value: Value<V>
): Pick<Scope, 'workspace' | 'actor'> {
	return {
		workspace: { id: value('workspaceId') },
		actor: { kind: 'client', clientId: value('clientId'), contactId: value('contactId') }
	} as unknown as Pick<Scope, 'workspace' | 'actor'>;
}

/**
 * A read of a client's own rows, built once per isolate (services/compiled-read.ts): `build` is
 * given the client's scope with placeholder ids (for `clientScope`) and `value` for the read's
 * own values; the result binds a client's ids (always theirs: a value cannot replace them) and
 * those values per request.
 */
export function compiledClientRead<V extends ClientScopeValues, T>(
	build: (db: Db, scope: Pick<Scope, 'workspace' | 'actor'>, value: Value<V>) => RunnableQuery<T, 'sqlite'>
) {
	const read = compiledRead((db, value: Value<V>) => build(db, placeholderClientScope(value), value));
	return (scope: Pick<Scope, 'services' | 'workspace'>, actor: ClientActor, values: Omit<V, keyof ClientScopeValues>) =>
		read(scope.services.db, { ...values, ...clientScopeValues(scope.workspace, actor) } as V);
}
