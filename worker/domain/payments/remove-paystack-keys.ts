import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { requireOwner } from '../actor';
import { activityInsert } from '../activity/record-activity';
import type { Scope } from '../scope';

/** Owners remove the Paystack keys: Pay now disappears from the portal. */
export async function removePaystackKeys(opts: Scope) {
	requireOwner(opts.actor);
	const { services, workspace } = opts;
	await services.db.batch([
		services.db
			.update(workspaces)
			.set({
				paystackPublicKey: null,
				paystackSecretEnc: null,
				paystackSecretLast4: null,
				updatedAt: services.clock.now()
			})
			.where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, {
			verb: 'settings.payments_removed',
			summary: 'Paystack keys removed',
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
}
