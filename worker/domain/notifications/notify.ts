import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { clientContacts, memberships, users } from '../../../db/schema';
import { renderEmail, type EmailContent } from '../../services/mail/layout';
import type { EmailAttachment } from '../../services/mail/types';
import { brandOf } from '../branding/brand';
import type { Scope } from '../scope';
import { personZone } from '../time-zones';
import type { Recipient } from './recipients';

/** What staff can choose to receive (Settings -> Notifications). Missing = on. */
export const STAFF_EMAIL_TOPICS = [
	'messages',
	'files',
	'quotes',
	'contracts',
	'payments',
	'leads',
	'feedback'
] as const;
export type StaffEmailTopic = (typeof STAFF_EMAIL_TOPICS)[number];

/**
 * `content` may be a function of the recipient's time zone (their own, else the
 * workspace's), for emails that show times: it is then rendered once per zone.
 */
type Mail = {
	subject: string;
	content: EmailContent | ((timeZone: string) => EmailContent);
	tag: string;
	attachments?: EmailAttachment[];
	idempotencyKey?: string;
	replyTo?: string;
};

/**
 * Emails every staff member of the workspace who has joined (not one whose
 * invitation is still pending) and has not switched the topic off,
 * branded as the workspace. Links in `content` should point at the dashboard
 * (services.urls.app(...)).
 */
export async function emailStaff(
	scope: Pick<Scope, 'services' | 'workspace'>,
	topic: StaffEmailTopic,
	mail: Mail,
	opts: { exceptUserId?: string } = {}
) {
	const { services, workspace } = scope;
	const staff = await services.db
		.select({ userId: users.id, email: users.email, prefs: memberships.emailPrefs, timezone: users.timezone })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		// Only members who have joined: an invitation still pending is not a teammate yet.
		.where(and(eq(memberships.workspaceId, workspace.id), isNotNull(memberships.acceptedAt)));
	const brand = brandOf(workspace, services.urls);
	const recipients = staff
		.filter((member) => member.userId !== opts.exceptUserId && member.prefs?.[topic] !== false)
		.map((member) => ({ id: member.userId, email: member.email, timezone: member.timezone }));
	// Staff emails are the product's: no agency footer, no reply-to.
	return sendToEach(
		scope,
		recipients,
		mail,
		(content) => renderEmail({ ...brand, portalUrl: services.urls.app(), footer: null, poweredBy: false }, content),
		'CoPortal'
	);
}

/**
 * Emails the active contacts of a client, branded as the workspace: `to` when
 * the people were chosen (chooseRecipients), else every active contact, or
 * only one. Links in `content` should point at the portal
 * (services.urls.portal(workspace, ...)).
 */
export async function emailClientContacts(
	scope: Pick<Scope, 'services' | 'workspace'>,
	clientId: string,
	mail: Mail,
	opts: { onlyContactId?: string; exceptContactId?: string; to?: Recipient[] } = {}
) {
	const { services, workspace } = scope;
	const contacts =
		opts.to ??
		(await services.db
			.select({ id: clientContacts.id, email: clientContacts.email, timezone: clientContacts.timezone })
			.from(clientContacts)
			.where(
				and(
					eq(clientContacts.workspaceId, workspace.id),
					eq(clientContacts.clientId, clientId),
					isNull(clientContacts.archivedAt)
				)
			));
	const brand = brandOf(workspace, services.urls);
	const recipients = contacts.filter(
		(contact) => (!opts.onlyContactId || contact.id === opts.onlyContactId) && contact.id !== opts.exceptContactId
	);
	return sendToEach(
		scope,
		recipients,
		{ ...mail, replyTo: mail.replyTo ?? brand.replyTo ?? undefined },
		(content) => renderEmail(brand, content),
		brand.senderName
	);
}

/** Sends one rendered email to each recipient, one at a time; a retried send is recognised per recipient. */
async function sendToEach(
	scope: Pick<Scope, 'services' | 'workspace'>,
	recipients: Recipient[],
	mail: Mail,
	render: (content: EmailContent) => { html: string; text: string },
	fromName: string
): Promise<string[]> {
	const sent: string[] = [];
	const rendered = new Map<string, { html: string; text: string }>();
	const bodyFor = (recipient: Recipient) => {
		const zone = typeof mail.content === 'function' ? personZone(recipient.timezone, scope.workspace) : '';
		let body = rendered.get(zone);
		if (!body) {
			body = render(typeof mail.content === 'function' ? mail.content(zone) : mail.content);
			rendered.set(zone, body);
		}
		return body;
	};
	for (const recipient of recipients) {
		const body = bodyFor(recipient);
		await scope.services.mail.send({
			workspaceId: scope.workspace.id,
			to: recipient.email,
			subject: mail.subject,
			html: body.html,
			text: body.text,
			fromName,
			tag: mail.tag,
			attachments: mail.attachments,
			replyTo: mail.replyTo,
			idempotencyKey: mail.idempotencyKey ? `${mail.idempotencyKey}:${recipient.id}` : undefined
		});
		sent.push(recipient.email);
	}
	return sent;
}
