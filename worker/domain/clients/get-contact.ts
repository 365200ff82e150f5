import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { findContact } from './find-contact';

/** One contact of a client, to edit (staff only). */
export async function getContact(opts: Scope & { clientId: string; contactId: string }) {
	requireStaff(opts.actor);
	return findContact(opts, opts.clientId, opts.contactId);
}
