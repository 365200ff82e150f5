import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts } from '../../../db/schema';
import { renderEmail } from '../../services/mail/layout';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { issueLoginToken, verifyPath } from '../auth/issue-login-link';
import { brandOf, type Brand } from '../branding/brand';
import { AppError, parseInput } from '../errors';
import { plainName } from '../names';
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
export async function inviteContact(
	opts: Scope & { clientId: string; contactId: string; input?: unknown }
): Promise<InviteResult> {
	const staff = requireStaff(opts.actor);
	const { requestId } = parseInput(schema, opts.input ?? {});
	const { services, workspace } = opts;
	const { contact, clientName, clientArchivedAt } = await findContact(opts, opts.clientId, opts.contactId);
	if (clientArchivedAt)
		throw new AppError('conflict', `${clientName} is archived. Restore the client before inviting its contacts.`);
	if (contact.archivedAt)
		throw new AppError('conflict', `${contact.name} is archived. Restore the contact before inviting them.`);

	const token = await issueLoginToken(services, {
		kind: 'client',
		workspaceId: workspace.id,
		contactId: contact.id,
		clientId: contact.clientId,
		email: contact.email
	});
	const brand = brandOf(workspace, services.urls);
	const { html, text, subject, fromName } = invitationEmail(brand, {
		inviter: staff.name,
		contactName: contact.name,
		contactEmail: contact.email,
		signInUrl: services.urls.portal(workspace, verifyPath(token)),
		loginUrl: services.urls.portal(workspace, '/login')
	});
	const sent = await services.mail.send({
		workspaceId: workspace.id,
		to: contact.email,
		subject,
		html,
		text,
		fromName,
		replyTo: brand.replyTo ?? undefined,
		tag: 'invite',
		idempotencyKey: requestId ? `invite:${contact.id}:${requestId}` : undefined
	});
	const now = services.clock.now();
	if (sent.status === 'duplicate')
		return { status: 'duplicate', email: contact.email, invitedAt: contact.lastInvitedAt ?? now };
	if (sent.status === 'failed' && !sent.retrying) {
		throw new AppError(
			'upstream_unavailable',
			`The invitation to ${contact.email} could not be sent: the mail service refused it. Check the address and try again.`
		);
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

/**
 * The invitation goes to an address staff typed, so: a fixed subject, fixed
 * wording around plain names only (a stored name written before the name rules
 * falls back to neutral wording), and no free text such as the welcome message
 * (it is on the portal's login and home pages instead).
 */
function invitationEmail(
	brand: Brand,
	who: { inviter: string; contactName: string; contactEmail: string; signInUrl: string; loginUrl: string }
) {
	const company = plainName(brand.name, '');
	const inviter = plainName(who.inviter, 'Your contact');
	const firstName = plainName(who.contactName.split(/\s+/)[0], '');
	const { html, text } = renderEmail(
		// Fixed wording (see above): not the agency's free-text footer either.
		{ ...brand, name: company || 'Client portal', footer: null },
		{
			preheader: `${inviter} invited you to ${company ? `the ${company} client portal` : 'your client portal'}`,
			heading: company ? `Welcome to ${company}` : 'Welcome to your client portal',
			paragraphs: [
				firstName ? `Hi ${firstName},` : 'Hello,',
				`${inviter} has invited you to ${company ? `the client portal of ${company}` : 'your client portal'}: your projects, files, messages, quotes and invoices with us, in one place.`
			],
			button: { label: 'Open your portal', url: who.signInUrl },
			footnote: `The button signs you in once and expires in 1 hour. Afterwards, sign in any time at ${who.loginUrl} with ${who.contactEmail}: we'll email you a fresh link, no password needed.`
		}
	);
	return {
		html,
		text,
		subject: 'Your client portal invitation',
		fromName: plainName(brand.senderName, company || 'Client portal')
	};
}
