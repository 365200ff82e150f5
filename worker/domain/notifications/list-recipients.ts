import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { recipientOptions } from './recipients';

/** Staff: who a quote, invoice or contract for this client can be sent to, and who is ticked by default. */
export async function listRecipients(opts: Scope & { clientId: string }) {
	requireStaff(opts.actor);
	return recipientOptions(opts, opts.clientId);
}
