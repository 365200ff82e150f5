import { eq } from 'drizzle-orm';
import { loginTokenUses, memberships, users, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { sha256Hex } from '../../services/crypto';
import { isUniqueViolation } from '../../services/db';
import { newId } from '../../services/ids';
import { DEFAULT_SHARD, shardOf } from '../../services/shards';
import type { SignupTokenPayload } from '../../services/tokens';
import { activityInsert } from '../activity/record-activity';
import { AppError } from '../errors';
import { newSessionInsert } from '../auth/sessions';
import type { Workspace } from '../scope';

export type SignupInspection =
	| { status: 'valid'; payload: SignupTokenPayload; hash: string }
	| { status: 'used' | 'expired' | 'invalid' | 'taken'; payload?: SignupTokenPayload };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{40,64}$/;

/**
 * A new workspace is always created on the default shard, whatever shard the request is on
 * (a staff cookie of another shard names it): the directory is a var, so a workspace elsewhere
 * would have no portal; and a sign-up link's single use is recorded there, once.
 */
export function signupServices(services: Services): Services {
	return services.onShard(DEFAULT_SHARD);
}

/** A slug the shard directory sends elsewhere belongs to a workspace there: it is taken. */
export function slugOnAnotherShard(services: Services, slug: string): boolean {
	return shardOf(services.config.shardDirectory, slug) !== DEFAULT_SHARD;
}

/** Looks at a sign-up link without using it, so the page can say what confirming will do. */
export async function inspectSignupLink(opts: { services: Services; token: unknown }): Promise<SignupInspection> {
	const services = signupServices(opts.services);
	if (typeof opts.token !== 'string' || !TOKEN_SHAPE.test(opts.token)) return { status: 'invalid' };
	const hash = await sha256Hex(opts.token);
	const [payload, used] = await Promise.all([
		services.tokens.getSignupToken(hash),
		services.db
			.select({ usedAt: loginTokenUses.usedAt })
			.from(loginTokenUses)
			.where(eq(loginTokenUses.tokenHash, hash))
			.get()
	]);
	if (used) return { status: 'used' };
	if (!payload || payload.expiresAt <= services.clock.now()) return { status: 'expired' };
	const taken = await services.db
		.select({ id: workspaces.id })
		.from(workspaces)
		.where(eq(workspaces.slug, payload.slug))
		.get();
	if (taken || slugOnAnotherShard(services, payload.slug)) return { status: 'taken', payload };
	return { status: 'valid', payload, hash };
}

export type SignupResult =
	| { status: 'created'; workspaceId: string; slug: string; sessionToken: string; expiresAt: number }
	| { status: 'used' | 'expired' | 'invalid' | 'taken' };

/**
 * Creates the workspace of a confirmed sign-up link, with its owner and a
 * dashboard session. Exactly once: the token's row in login_token_uses, the
 * workspace (unique slug), the owner's membership and the session are one D1
 * batch, so of two concurrent confirmations one creates everything and the
 * other changes nothing.
 */
export async function consumeSignupLink(opts: {
	services: Services;
	token: unknown;
	ip: string | null;
	userAgent: string | null;
}): Promise<SignupResult> {
	const services = signupServices(opts.services);
	const inspection = await inspectSignupLink({ services, token: opts.token });
	if (inspection.status !== 'valid') return { status: inspection.status };
	const { payload, hash } = inspection;
	const db = services.db;
	const now = services.clock.now();
	const existingUser = await db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(eq(users.email, payload.email))
		.get();
	const userId = existingUser?.id ?? newId('usr');
	const workspaceId = newId('ws');
	const session = await newSessionInsert(services, {
		kind: 'staff',
		signInMethod: 'signup',
		workspaceId,
		userId,
		ip: opts.ip,
		userAgent: opts.userAgent
	});
	const owner = {
		kind: 'staff' as const,
		userId,
		name: existingUser?.name ?? payload.name,
		email: payload.email,
		role: 'owner' as const
	};
	try {
		await db.batch([
			db.insert(loginTokenUses).values({ tokenHash: hash, workspaceId, usedAt: now }),
			db.insert(workspaces).values({
				id: workspaceId,
				slug: payload.slug,
				name: payload.workspaceName,
				displayName: payload.workspaceName,
				createdAt: now,
				updatedAt: now
			}),
			existingUser
				? db.update(users).set({ lastLoginAt: now }).where(eq(users.id, userId))
				: db
						.insert(users)
						.values({ id: userId, email: payload.email, name: payload.name, createdAt: now, lastLoginAt: now }),
			db
				.insert(memberships)
				.values({ id: newId('mem'), workspaceId, userId, role: 'owner', acceptedAt: now, createdAt: now }),
			session.insert,
			activityInsert(
				{ services, workspace: { id: workspaceId } as Workspace, actor: owner },
				{
					verb: 'workspace.created',
					summary: `${owner.name} created the workspace ${payload.workspaceName}`,
					subjectType: 'workspace',
					subjectId: workspaceId
				}
			)
		]);
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		const text = String((error as { cause?: unknown })?.cause ?? '') + String((error as Error)?.message ?? '');
		if (/login_token_uses/.test(text)) return { status: 'used' };
		if (/workspaces\.slug/.test(text)) return { status: 'taken' };
		throw new AppError(
			'conflict',
			'Your account was being set up at the same moment from another window. Please try the link again.'
		);
	}
	services.defer(services.tokens.deleteSignupToken(hash));
	// The new owner's next request reads the default shard (their cookie names no other).
	opts.services.d1Session.follow(services.shard);
	return {
		status: 'created',
		workspaceId,
		slug: payload.slug,
		sessionToken: session.token,
		expiresAt: session.expiresAt
	};
}
