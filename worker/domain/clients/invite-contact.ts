import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts } from '../../../db/schema';
import { renderEmail } from '../../services/mail/layout';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { issueLoginToken, verifyPath } from '../auth/issue-login-link';
import { brandOf } from '../branding/brand';
import { AppError, parseInput } from '../errors';
import type { Scope } from '../scope';
import { findContact } from './find-contact';

/** requestId: one per rendered button, so a double-click (or a retried POST) sends one email. */
const schema = z.object({ requestId: z.string().trim().max(64).optional().catch(undefined) });

/** 'queued': the mail service did not take it just now; the scheduled retry sends it (email_log). */
export type InviteResult = { status: 'sent' | 'queued' | 'duplicate'; email: string; invitedAt: number };

/**
 * Emails a contact a branded welcome with a fresh sign-in link to the portal
 * (staff only). The link is the normal magic link (single use, 1 hour), so it
 * can be sent as often as needed; each send is in the email log and the
 * activity feed, and sets lastInvitedAt.
 */
export async function inviteContact(opts: Scope & { clientId: string; contactId: string; input?: unknown }): Promise<InviteResult> {
	const staff = requireStaff(opts.actor);
	const { requestId } = parseInput(schema, opts.input ?? {});
	const { services, workspace } = opts;
	const { contact, clientName, clientArchivedAt } = await findContact(opts, opts.clientId, opts.contactId);
	if (clientArchivedAt) throw new AppError('conflict', `${clientName} is archived. Restore the client before inviting its contacts.`);
	if (contact.archivedAt) throw new AppError('conflict', `${contact.name} is archived. Restore the contact before inviting them.`);

	const token = await issueLoginToken(services, { kind: 'client', workspaceId: workspace.id, contactId: contact.id, clientId: contact.clientId, email: contact.email });
	const brand = brandOf(workspace, services.urls);
	const firstName = contact.name.split(/\s+/)[0];
	const { html, text } = renderEmail(brand, {
		preheader: `${staff.name} invited you to the ${brand.name} client portal`,
		heading: `Welcome to ${brand.name}`,
		paragraphs: [
			`Hi ${firstName},`,
			`${staff.name} has invited you to the client portal of ${brand.name}: your projects, files, messages, quotes and invoices with us, in one place.`,
			...(brand.welcomeMessage ? [brand.welcomeMessage] : [])
		],
		button: { label: 'Open your portal', url: services.urls.portal(workspace, verifyPath(token)) },
		footnote: `The button signs you in once and expires in 1 hour. Afterwards, sign in any time at ${services.urls.portal(workspace, '/login')} with ${contact.email}: we'll email you a fresh link, no password needed.`
	});
	const sent = await services.mail.send({
		workspaceId: workspace.id,
		to: contact.email,
		subject: `You're invited to the ${brand.name} client portal`,
		html,
		text,
		fromName: brand.senderName,
		tag: 'invite',
		idempotencyKey: requestId ? `invite:${contact.id}:${requestId}` : undefined
	});
	const now = services.clock.now();
	if (sent.status === 'duplicate') return { status: 'duplicate', email: contact.email, invitedAt: contact.lastInvitedAt ?? now };
	if (sent.status === 'failed' && !sent.retrying) {
		throw new AppError('upstream_unavailable', `The invitation to ${contact.email} could not be sent: the mail service refused it. Check the address and try again.`);
	}

	const db = services.db;
	await db.batch([
		db.update(clientContacts).set({ lastInvitedAt: now }).where(eq(clientContacts.id, contact.id)),
		activityInsert(opts, {
			verb: 'contact.invited',
			clientId: contact.clientId,
			subjectType: 'contact',
			subjectId: contact.id,
			summary: contact.lastInvitedAt
				? `${staff.name} re-sent the portal invitation to ${contact.name} (${clientName})`
				: `${staff.name} invited ${contact.name} (${clientName}) to the portal`
		})
	]);
	return { status: sent.status === 'failed' ? 'queued' : 'sent', email: contact.email, invitedAt: now };
}
