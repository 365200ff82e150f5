import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts, clients, memberships, users, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { AppError, parseInput } from '../errors';
import type { Workspace } from '../scope';
import {
	hitRateLimits,
	rateLimitHit,
	rateLimitOutcome,
	signInLimitsDb,
	type RateLimitRule
} from '../security/rate-limit';
import { emailSchema, safeRedirect } from './email-address';
import { issueLoginToken, verifyPath } from './issue-login-link';
import { sendPortalLoginEmail, sendStaffLoginEmail, type StaffSignInLink } from './login-email';
import { findOnEveryStaffShard } from './staff-shard';

const inputSchema = z.object({ email: emailSchema, next: z.string().optional() });
const LOGIN_LIMIT_WINDOW_MS = 15 * 60 * 1000;
/** Enough rows to name a link's workspaces in the email: three, and whether there are more. */
const WORKSPACE_ROWS = 4;

/**
 * The one limit that may refuse a request: too many from one IP (a flood or a
 * spray of addresses) is a 429 for that IP. It never depends on the address
 * asked for, so nobody can lock someone else out.
 */
export async function limitIp(services: Services, ip: string | null) {
	if (!ip) return;
	const { config, clock } = services;
	const result = await hitRateLimits(
		signInLimitsDb(services),
		[{ key: `login:ip:${ip}`, limit: config.loginLimitPerIp, windowMs: LOGIN_LIMIT_WINDOW_MS }],
		clock.now()
	);
	if (!result.allowed) {
		const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
		throw new AppError(
			'rate_limited',
			`Too many sign-in requests from your network. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
			{
				retryAfterSeconds: result.retryAfterSeconds
			}
		);
	}
}

/**
 * Per address, only the emails are limited: past the limit a request still gets
 * the same answer and simply sends nothing, so requests from others cannot keep
 * the person from signing in (a link sent earlier in the window still works).
 */
export async function mayEmail(services: Services, scopeKey: string, email: string): Promise<boolean> {
	const { config, clock } = services;
	const result = await hitRateLimits(signInLimitsDb(services), [emailRule(config, scopeKey, email)], clock.now());
	return result.allowed;
}

function emailRule(config: Services['config'], scopeKey: string, email: string): RateLimitRule {
	return { key: `login:${scopeKey}:email:${email}`, limit: config.loginLimitPerEmail, windowMs: LOGIN_LIMIT_WINDOW_MS };
}

/**
 * A client asks for a sign-in link on their workspace's portal. The answer is
 * the same whether or not the email is known and whatever the per-address limit
 * says: the limit, the lookup and the email happen after the response
 * (services.defer), so neither the reply nor its timing tells.
 */
export async function requestPortalLoginLink(opts: {
	services: Services;
	workspace: Workspace;
	input: unknown;
	ip: string | null;
}): Promise<{ email: string }> {
	const { services, workspace } = opts;
	const { email, next } = parseInput(inputSchema, opts.input);
	await limitIp(services, opts.ip);
	services.defer(async () => {
		const { db, clock, config } = services;
		const now = clock.now();
		const rule = emailRule(config, workspace.id, email);
		// The address's counter and the contact in one round trip (the contact is read even
		// when the limit says no: the same work either way).
		const [counter, contacts] = await db.batch([
			rateLimitHit(db, rule, now),
			db
				.select({ id: clientContacts.id, clientId: clientContacts.clientId })
				.from(clientContacts)
				.innerJoin(clients, eq(clients.id, clientContacts.clientId))
				.where(
					and(
						eq(clientContacts.workspaceId, workspace.id),
						eq(clientContacts.email, email),
						isNull(clientContacts.archivedAt),
						isNull(clients.archivedAt)
					)
				)
				.limit(1)
		]);
		if (!rateLimitOutcome([rule], counter, now).allowed) return;
		const contact = contacts[0];
		if (!contact) return;
		const token = await issueLoginToken(services, {
			kind: 'client',
			workspaceId: workspace.id,
			contactId: contact.id,
			clientId: contact.clientId,
			email,
			...(next ? { redirectTo: safeRedirect(next) } : {})
		});
		await sendPortalLoginEmail(services, workspace, email, services.urls.portal(workspace, verifyPath(token)));
	});
	return { email };
}

/** A staff member asks for a sign-in link on the dashboard; same rules. */
export async function requestStaffLoginLink(opts: {
	services: Services;
	input: unknown;
	ip: string | null;
}): Promise<{ email: string }> {
	const { services } = opts;
	const { email, next } = parseInput(inputSchema, opts.input);
	await limitIp(services, opts.ip);
	services.defer(async () => {
		if (!(await mayEmail(services, 'staff', email))) return;
		// The person's workspaces, on each shard that holds an account of theirs (staff-shard.ts).
		const found = await findOnEveryStaffShard(services, async (on) => {
			const rows = await on.db
				.select({ id: users.id, workspace: workspaces.name })
				.from(users)
				.innerJoin(memberships, eq(memberships.userId, users.id))
				.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
				.where(eq(users.email, email))
				.orderBy(asc(memberships.createdAt))
				.limit(WORKSPACE_ROWS);
			return rows.length ? rows : null;
		});
		if (!found.length) return;
		const links = await Promise.all(
			found.map(async ({ services: on, found: rows }) => {
				const token = await issueLoginToken(on, {
					kind: 'staff',
					workspaceId: null,
					userId: rows[0]!.id,
					email,
					...(next ? { redirectTo: safeRedirect(next) } : {})
				});
				return { url: services.urls.app(verifyPath(token)), workspaces: rows.map((row) => row.workspace) };
			})
		);
		await sendStaffLoginEmail(found[0]!.services, email, links as [StaffSignInLink, ...StaffSignInLink[]]);
	});
	return { email };
}
