import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../../../db/schema';
import { sealPaystackSecret } from '../../services/paystack-keys';
import { requireOwner } from '../actor';
import { activityInsert } from '../activity/record-activity';
import { AppError, parseInput, viaService } from '../errors';
import type { Scope } from '../scope';

const schema = z.object({
	publicKey: z
		.string({ error: 'Enter your Paystack public key.' })
		.trim()
		.regex(/^pk_(test|live)_[A-Za-z0-9]{16,}$/, 'Enter your Paystack public key: it starts with pk_test_ or pk_live_.'),
	secretKey: z
		.string()
		.trim()
		.default('')
		.refine(
			(v) => v === '' || /^sk_(test|live)_[A-Za-z0-9]{16,}$/.test(v),
			'Enter your Paystack secret key: it starts with sk_test_ or sk_live_.'
		)
});

/**
 * Owners store the workspace's Paystack keys. The secret key is encrypted
 * (AES-GCM, ENCRYPTION_KEY) before it touches the database and only its last 4
 * characters are kept in clear. Leaving the secret blank keeps the stored one.
 */
export async function savePaystackKeys(opts: Scope & { input: unknown }) {
	requireOwner(opts.actor);
	const input = parseInput(schema, opts.input);
	const { services, workspace } = opts;
	if (!input.secretKey && !workspace.paystackSecretEnc)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { secretKey: 'Enter your Paystack secret key.' }
		});
	const mode = (key: string) => (key.includes('_live_') ? 'live' : 'test');
	const secretMode = input.secretKey
		? mode(input.secretKey)
		: workspace.paystackPublicKey
			? mode(workspace.paystackPublicKey)
			: mode(input.publicKey);
	if (mode(input.publicKey) !== secretMode) {
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { secretKey: 'Use a test secret key with a test public key, or live with live.' }
		});
	}
	const now = services.clock.now();
	const secret = input.secretKey
		? {
				paystackSecretEnc: await viaService(() => sealPaystackSecret(services.config, input.secretKey!)),
				paystackSecretLast4: input.secretKey.slice(-4)
			}
		: {};
	await services.db.batch([
		services.db
			.update(workspaces)
			.set({ paystackPublicKey: input.publicKey, ...secret, updatedAt: now })
			.where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, {
			verb: 'settings.payments_updated',
			summary: `Paystack keys updated (${mode(input.publicKey)} mode)`,
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
	return {
		publicKey: input.publicKey,
		secretLast4: input.secretKey ? input.secretKey.slice(-4) : workspace.paystackSecretLast4
	};
}
