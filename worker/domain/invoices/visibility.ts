import { and, ne, type SQL } from 'drizzle-orm';
import { invoices } from '../../../db/schema';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/**
 * The invoices an actor may see: staff every invoice of the workspace; a client
 * their own company's, never drafts (a draft is not issued yet). Every query
 * on invoices, their items and payments goes through this.
 */
export function visibleInvoices(scope: Pick<Scope, 'workspace' | 'actor'>): SQL {
	const scoped = clientScope(invoices, scope);
	return scope.actor.kind === 'client' ? and(scoped, ne(invoices.status, 'draft'))! : scoped;
}
