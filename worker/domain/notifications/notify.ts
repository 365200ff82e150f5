import { and, eq, isNull } from 'drizzle-orm';
import { clientContacts, memberships, users } from '../../../db/schema';
import { renderEmail, type EmailContent } from '../../services/mail/layout';
import type { EmailAttachment } from '../../services/mail/types';
import { brandOf } from '../branding/brand';
import type { Scope } from '../scope';

/** What staff can choose to receive (Settings -> Notifications). Missing = on. */
export const STAFF_EMAIL_TOPICS = ['messages', 'quotes', 'contracts', 'payments', 'leads', 'feedback'] as const;
export type StaffEmailTopic = (typeof STAFF_EMAIL_TOPICS)[number];

type Mail = { subject: string; content: EmailContent; tag: string; attachments?: EmailAttachment[]; idempotencyKey?: string; replyTo?: string };

/**
 * Emails every staff member of the workspace who has not switched the topic off,
 * branded as the workspace. Links in `content` should point at the dashboard
 * (services.urls.app(...)).
 */
export async function emailStaff(scope: Pick<Scope, 'services' | 'workspace'>, topic: StaffEmailTopic, mail: Mail, opts: { exceptUserId?: string } = {}) {
	const { services, workspace } = scope;
	const staff = await services.db
		.select({ userId: users.id, email: users.email, prefs: memberships.emailPrefs })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.workspaceId, workspace.id));
	const brand = brandOf(workspace, services.urls);
	const { html, text } = renderEmail({ ...brand, portalUrl: services.urls.app() }, mail.content);
	const sent: string[] = [];
	for (const member of staff) {
		if (member.userId === opts.exceptUserId || member.prefs?.[topic] === false) continue;
		await services.mail.send({
			workspaceId: workspace.id,
			to: member.email,
			subject: mail.subject,
			html,
			text,
			fromName: 'CoPortal',
			tag: mail.tag,
			attachments: mail.attachments,
			replyTo: mail.replyTo,
			idempotencyKey: mail.idempotencyKey ? `${mail.idempotencyKey}:${member.userId}` : undefined
		});
		sent.push(member.email);
	}
	return sent;
}

/**
 * Emails the active contacts of a client, branded as the workspace. Links in
 * `content` should point at the portal (services.urls.portal(workspace, ...)).
 */
export async function emailClientContacts(scope: Pick<Scope, 'services' | 'workspace'>, clientId: string, mail: Mail, opts: { onlyContactId?: string; exceptContactId?: string } = {}) {
	const { services, workspace } = scope;
	const contacts = await services.db
		.select({ id: clientContacts.id, email: clientContacts.email })
		.from(clientContacts)
		.where(and(eq(clientContacts.workspaceId, workspace.id), eq(clientContacts.clientId, clientId), isNull(clientContacts.archivedAt)));
	const brand = brandOf(workspace, services.urls);
	const { html, text } = renderEmail(brand, mail.content);
	const sent: string[] = [];
	for (const contact of contacts) {
		if (opts.onlyContactId && contact.id !== opts.onlyContactId) continue;
		if (contact.id === opts.exceptContactId) continue;
		await services.mail.send({
			workspaceId: workspace.id,
			to: contact.email,
			subject: mail.subject,
			html,
			text,
			fromName: brand.senderName,
			tag: mail.tag,
			attachments: mail.attachments,
			replyTo: mail.replyTo,
			idempotencyKey: mail.idempotencyKey ? `${mail.idempotencyKey}:${contact.id}` : undefined
		});
		sent.push(contact.email);
	}
	return sent;
}
