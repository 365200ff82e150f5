import { and, eq, isNull } from 'drizzle-orm';
import { clientContacts, clients, memberships, users } from '../../../db/schema';
import type { Services } from '../../services';
import { inspectLoginLink, type LinkTarget } from './consume-login-link';
import { issueLoginToken, linkServices, verifyPath } from './issue-login-link';
import { sendPortalLoginEmail, sendStaffLoginEmail } from './login-email';
import { limitIp, mayEmail } from './request-login-link';

/**
 * "Send me a fresh link" on the page an expired or used link lands on (an invitation
 * opened a day late, a sign-in link clicked twice). The fresh link is a normal one
 * (single use, 1 hour) for the same person and place, and goes only to the address
 * the old link was sent to, so holding an old link gives nobody else access.
 *
 * Like asking for a sign-in link: a flooding IP is refused (429); everything else
 * (the per-address email cap, whether the person may still sign in, the new token
 * and the email) runs after the response, and the answer is the same whatever
 * happened, so it tells nothing about who has access.
 */
export async function requestFreshLink(opts: {
	services: Services;
	token: unknown;
	target: LinkTarget;
	ip: string | null;
}): Promise<void> {
	const { services, target } = opts;
	await limitIp(services, opts.ip);
	services.defer(async () => {
		const inspection = await inspectLoginLink({ services, token: opts.token, target });
		if (
			(inspection.status !== 'expired' && inspection.status !== 'used') ||
			!inspection.renewable ||
			!inspection.payload
		)
			return;
		const old = inspection.payload;
		const redirect = old.redirectTo ? { redirectTo: old.redirectTo } : {};
		if (old.kind === 'client' && target.side === 'portal') {
			if (!(await mayEmail(services, target.workspace.id, old.email))) return;
			// Still a contact of this workspace with that address, neither they nor their company archived.
			const contact = await services.db
				.select({ id: clientContacts.id, clientId: clientContacts.clientId })
				.from(clientContacts)
				.innerJoin(clients, eq(clients.id, clientContacts.clientId))
				.where(
					and(
						eq(clientContacts.id, old.contactId),
						eq(clientContacts.workspaceId, target.workspace.id),
						eq(clientContacts.email, old.email),
						isNull(clientContacts.archivedAt),
						isNull(clients.archivedAt)
					)
				)
				.get();
			if (!contact) return;
			const token = await issueLoginToken(services, {
				kind: 'client',
				workspaceId: target.workspace.id,
				contactId: contact.id,
				clientId: contact.clientId,
				email: old.email,
				...redirect
			});
			await sendPortalLoginEmail(
				services,
				target.workspace,
				old.email,
				services.urls.portal(target.workspace, verifyPath(token))
			);
		} else if (old.kind === 'staff' && target.side === 'dashboard') {
			if (!(await mayEmail(services, 'staff', old.email))) return;
			// On the shard of the person's account (the old link records it).
			const on = linkServices(services, old);
			if (!on) return;
			// Still that user, still a member (a pending invitation included: its first sign-in accepts it).
			const member = await on.db
				.select({ id: memberships.id })
				.from(memberships)
				.innerJoin(users, eq(users.id, memberships.userId))
				.where(
					and(
						eq(users.id, old.userId),
						eq(users.email, old.email),
						old.workspaceId ? eq(memberships.workspaceId, old.workspaceId) : undefined
					)
				)
				.get();
			if (!member) return;
			const token = await issueLoginToken(on, {
				kind: 'staff',
				workspaceId: old.workspaceId,
				userId: old.userId,
				email: old.email,
				...redirect
			});
			await sendStaffLoginEmail(on, old.email, [{ url: services.urls.app(verifyPath(token)), workspaces: [] }]);
		}
	});
}
