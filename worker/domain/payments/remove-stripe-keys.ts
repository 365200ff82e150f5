import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { requireOwner } from '../actor';
import { activityInsert } from '../activity/record-activity';
import type { Scope } from '../scope';

/** Owners disconnect Stripe: clients can no longer choose it (Paystack, if connected, stays). */
export async function removeStripeKeys(opts: Scope) {
	requireOwner(opts.actor);
	const { services, workspace } = opts;
	await services.db.batch([
		services.db
			.update(workspaces)
			.set({
				stripeSecretEnc: null,
				stripeSecretLast4: null,
				stripeWebhookSecretEnc: null,
				updatedAt: services.clock.now()
			})
			.where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, {
			verb: 'settings.payments_removed',
			summary: 'Stripe keys removed',
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
}
