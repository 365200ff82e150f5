import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../../../db/schema';
import { DEV_STRIPE_STANDIN_KEY, sealStripeSecret } from '../../services/stripe-keys';
import { requireOwner } from '../actor';
import { activityInsert } from '../activity/record-activity';
import { AppError, parseInput, viaService } from '../errors';
import type { Scope } from '../scope';

const SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9]{16,}$/;
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=]{16,}$/;

const schema = z.object({
	secretKey: z.string().trim().max(300).default(''),
	webhookSecret: z
		.string()
		.trim()
		.max(300)
		.default('')
		.refine(
			(v) => v === '' || WEBHOOK_SECRET.test(v),
			'Enter the signing secret of your Stripe webhook endpoint: it starts with whsec_.'
		)
});

/**
 * Owners connect Stripe: the secret key (or a restricted key) and the signing secret of the
 * webhook endpoint they added for this workspace. Both are encrypted (AES-GCM, ENCRYPTION_KEY)
 * before they touch the database; only the key's last 4 characters are kept in clear. A blank
 * field keeps the stored value. In development the stand-in key pays through the local stand-in.
 */
export async function saveStripeKeys(opts: Scope & { input: unknown }) {
	requireOwner(opts.actor);
	const input = parseInput(schema, opts.input);
	const { services, workspace } = opts;
	const fields: Record<string, string> = {};
	const standIn = services.config.isDevelopment && input.secretKey === DEV_STRIPE_STANDIN_KEY;
	if (input.secretKey && !standIn && !SECRET_KEY.test(input.secretKey))
		fields.secretKey =
			'Enter your Stripe secret key: it starts with sk_test_ or sk_live_ (or rk_ for a restricted key).';
	if (!input.secretKey && !workspace.stripeSecretEnc) fields.secretKey = 'Enter your Stripe secret key.';
	if (!input.webhookSecret && !workspace.stripeWebhookSecretEnc)
		fields.webhookSecret = 'Enter the signing secret of your Stripe webhook endpoint.';
	if (Object.keys(fields).length)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });

	const seal = (secret: string) => viaService(() => sealStripeSecret(services.config, secret));
	const secret = input.secretKey
		? { stripeSecretEnc: await seal(input.secretKey), stripeSecretLast4: input.secretKey.slice(-4) }
		: {};
	const hook = input.webhookSecret ? { stripeWebhookSecretEnc: await seal(input.webhookSecret) } : {};
	const mode = (input.secretKey || '').includes('_live_') ? 'live' : 'test';
	await services.db.batch([
		services.db
			.update(workspaces)
			.set({ ...secret, ...hook, updatedAt: services.clock.now() })
			.where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, {
			verb: 'settings.payments_updated',
			summary: input.secretKey ? `Stripe keys updated (${mode} mode)` : 'Stripe webhook secret updated',
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
	return { secretLast4: input.secretKey ? input.secretKey.slice(-4) : workspace.stripeSecretLast4 };
}
