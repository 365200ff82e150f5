import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts, clients, memberships, users } from '../../../db/schema';
import type { Services } from '../../services';
import { AppError, parseInput } from '../errors';
import type { Workspace } from '../scope';
import { hitRateLimits, rateLimitHit, rateLimitOutcome, type RateLimitRule } from '../security/rate-limit';
import { emailSchema, safeRedirect } from './email-address';
import { issueLoginToken, verifyPath } from './issue-login-link';
import { sendPortalLoginEmail, sendStaffLoginEmail } from './login-email';
import { findOnStaffShard } from './staff-shard';

const inputSchema = z.object({ email: emailSchema, next: z.string().optional() });
const LOGIN_LIMIT_WINDOW_MS = 15 * 60 * 1000;

/**
 * The one limit that may refuse a request: too many from one IP (a flood or a
 * spray of addresses) is a 429 for that IP. It never depends on the address
 * asked for, so nobody can lock someone else out.
 */
export async function limitIp(services: Services, ip: string | null) {
	if (!ip) return;
	const { config, db, clock } = services;
	const result = await hitRateLimits(
		db,
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
	const { config, db, clock } = services;
	const result = await hitRateLimits(db, [emailRule(config, scopeKey, email)], clock.now());
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
		// The person and a membership, on the shard that holds their account (staff-shard.ts).
		const found = await findOnStaffShard(services, (on) =>
			on.db
				.select({ id: users.id })
				.from(users)
				.innerJoin(memberships, eq(memberships.userId, users.id))
				.where(eq(users.email, email))
				.get()
		);
		if (!found) return;
		const token = await issueLoginToken(found.services, {
			kind: 'staff',
			workspaceId: null,
			userId: found.found.id,
			email,
			...(next ? { redirectTo: safeRedirect(next) } : {})
		});
		await sendStaffLoginEmail(found.services, email, services.urls.app(verifyPath(token)));
	});
	return { email };
}
