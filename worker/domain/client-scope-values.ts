import type { Value } from '../services/compiled-read';
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
