import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { randomToken, sha256Hex } from '../../services/crypto';
import { coportalBrand, renderEmail } from '../../services/mail/layout';
import { emailSchema } from '../auth/email-address';
import { LOGIN_LINK_TTL_MS } from '../auth/issue-login-link';
import { AppError, parseInput } from '../errors';
import { hitRateLimits } from '../security/rate-limit';
import { nameText } from '../names';
import { slugSchema } from './slug';
import { signupServices, slugOnAnotherShard } from './confirm-signup';

export const signupSchema = z.object({
	workspaceName: nameText('Enter the name of your business.', 80),
	slug: slugSchema,
	name: nameText('Enter your name.', 100),
	email: emailSchema
});

const WINDOW_MS = 60 * 60 * 1000;
const LIMIT_PER_IP = 10;
const LIMIT_PER_EMAIL = 5;

export function signupConfirmPath(token: string): string {
	return `/signup/confirm?token=${encodeURIComponent(token)}`;
}

/**
 * A visitor asks for a workspace. Nothing is created yet: the workspace exists
 * only once the emailed link is confirmed (consumeSignupLink), so nobody can
 * hold a portal address with an email address they do not own.
 *
 * Limits: too many requests from one IP are refused (429); per address only
 * the emails are capped, silently, so requests from others can never refuse
 * the person who owns the address (the page says what to do if nothing comes).
 */
export async function requestSignup(opts: {
	services: Services;
	input: unknown;
	ip: string | null;
}): Promise<{ email: string; slug: string }> {
	const services = signupServices(opts.services);
	const input = parseInput(signupSchema, opts.input);
	const now = services.clock.now();
	const [taken, ipLimit] = await Promise.all([
		services.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, input.slug)).get(),
		hitRateLimits(
			services.db,
			opts.ip ? [{ key: `signup:ip:${opts.ip}`, limit: LIMIT_PER_IP, windowMs: WINDOW_MS }] : [],
			now
		)
	]);
	if (!ipLimit.allowed) {
		const minutes = Math.max(1, Math.ceil(ipLimit.retryAfterSeconds / 60));
		throw new AppError(
			'rate_limited',
			`Too many sign-up requests from your network. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
			{ retryAfterSeconds: ipLimit.retryAfterSeconds }
		);
	}
	if (taken || slugOnAnotherShard(services, input.slug))
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { slug: 'That address is taken. Please choose another.' }
		});
	const emailLimit = await hitRateLimits(
		services.db,
		[{ key: `signup:email:${input.email}`, limit: LIMIT_PER_EMAIL, windowMs: WINDOW_MS }],
		now
	);
	if (!emailLimit.allowed) return { email: input.email, slug: input.slug };

	const token = randomToken(32);
	const expiresAt = now + LOGIN_LINK_TTL_MS;
	await services.tokens.putSignupToken(
		await sha256Hex(token),
		{ kind: 'signup', ...input, expiresAt },
		Math.ceil(LOGIN_LINK_TTL_MS / 1000)
	);
	services.defer(sendSignupEmail(services, input, services.urls.app(signupConfirmPath(token))));
	return { email: input.email, slug: input.slug };
}

/**
 * Sent to an address nobody has vouched for yet, so its wording is fixed: no
 * name the visitor typed, in the subject or the body (the confirmation page
 * shows them). Only the portal address, whose slug is letters, digits and hyphens.
 */
async function sendSignupEmail(services: Services, input: z.output<typeof signupSchema>, url: string) {
	const portal = services.urls.portal({ slug: input.slug });
	const { html, text } = renderEmail(coportalBrand(services.urls.app()), {
		preheader: 'Confirm your email address to create your CoPortal workspace',
		heading: 'Confirm your email address',
		paragraphs: [
			`Someone asked to create a CoPortal workspace with this email address. Confirm it to create the workspace; its client portal will be at ${portal}.`,
			'The link works once and expires in 1 hour.'
		],
		button: { label: 'Confirm and create my workspace', url },
		footnote: "If you didn't sign up for CoPortal, you can ignore this email: nothing is created without the link."
	});
	await services.mail.send({
		workspaceId: null,
		to: input.email,
		subject: 'Confirm your email to create a CoPortal workspace',
		html,
		text,
		fromName: 'CoPortal',
		tag: 'signup'
	});
}
