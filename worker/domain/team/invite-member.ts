import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, users } from '../../../db/schema';
import { isUniqueViolation } from '../../services/db';
import { newId } from '../../services/ids';
import { coportalBrand, renderEmail } from '../../services/mail/layout';
import { activityInsert } from '../activity/record-activity';
import { requireOwner, type StaffActor } from '../actor';
import { emailSchema } from '../auth/email-address';
import { issueLoginToken, verifyPath } from '../auth/issue-login-link';
import { AppError, parseInput } from '../errors';
import { optionalNameText, plainName } from '../names';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { roleSchema } from './team-input';

/** Invitations last longer than sign-in links; after that, the dashboard login page sends a fresh link. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const inputSchema = z.object({
	email: emailSchema,
	name: optionalNameText(100).transform((v) => v ?? ''),
	role: roleSchema.default('member')
});

/**
 * Owners invite staff by email: a membership with acceptedAt null and a magic
 * link to the dashboard (accepting = first sign-in). Inviting someone who is
 * still pending sends the invitation again.
 */
export async function inviteMember(opts: Scope & { input: unknown }) {
	const owner = requireOwner(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const { services, workspace } = opts;
	const db = services.db;
	const [userRows, memberRows] = await db.batch([
		db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, input.email)).limit(1),
		db
			.select({ id: memberships.id, acceptedAt: memberships.acceptedAt })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(staffScope(memberships, opts), eq(users.email, input.email)))
			.limit(1)
	]);
	const existingUser = userRows[0];
	const existingMember = memberRows[0];
	if (existingMember?.acceptedAt)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { email: 'This person is already on the team.' }
		});
	if (!existingUser && !input.name)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { name: 'Enter their name.' }
		});

	const userId = existingUser?.id ?? newId('usr');
	const now = services.clock.now();
	if (!existingMember) {
		try {
			const membership = db.insert(memberships).values({
				id: newId('mem'),
				workspaceId: workspace.id,
				userId,
				role: input.role,
				invitedByUserId: owner.userId,
				createdAt: now
			});
			const feed = activityInsert(opts, {
				verb: 'team.invited',
				summary: `${owner.name} invited ${input.email} as ${input.role === 'owner' ? 'an owner' : 'a member'}`,
				subjectType: 'user',
				subjectId: userId
			});
			// The user row must exist before the membership that points at it.
			if (existingUser) await db.batch([membership, feed]);
			else
				await db.batch([
					db.insert(users).values({ id: userId, email: input.email, name: input.name, createdAt: now }),
					membership,
					feed
				]);
		} catch (error) {
			if (isUniqueViolation(error))
				throw new AppError('conflict', 'This person was invited a moment ago. Refresh the page to see them.');
			throw error;
		}
	}
	await sendInvite(opts, owner, input.email, userId);
	return { userId, email: input.email, resent: Boolean(existingMember) };
}

/**
 * To an address the owner typed, as CoPortal: a fixed subject, CoPortal's own look
 * (not the workspace's logo), and only plain names in the body (a stored name
 * written before the name rules falls back to neutral wording).
 */
async function sendInvite(scope: Scope, owner: StaffActor, email: string, userId: string) {
	const { services, workspace } = scope;
	const token = await issueLoginToken(
		services,
		{ kind: 'staff', workspaceId: workspace.id, userId, email, redirectTo: '/' },
		INVITE_TTL_MS
	);
	const inviter = plainName(owner.name, 'A team owner');
	const team = plainName(workspace.name, 'their team');
	const { html, text } = renderEmail(coportalBrand(services.urls.app()), {
		preheader: `${inviter} invited you to ${team} on CoPortal`,
		heading: `Join ${team} on CoPortal`,
		paragraphs: [
			`${inviter} invited you to the ${team} dashboard, where the team runs client projects, quotes and invoices.`,
			'The link works once and expires in 7 days. After that, sign in from the dashboard login page with this email address.'
		],
		button: { label: 'Join the team', url: services.urls.app(verifyPath(token)) },
		footnote: "If you weren't expecting this, you can ignore the email."
	});
	await services.mail.send({
		workspaceId: workspace.id,
		to: email,
		subject: 'You’re invited to join a team on CoPortal',
		html,
		text,
		fromName: 'CoPortal',
		tag: 'invite'
	});
}
