import { clientContacts, clients, memberships, users, workspaces } from '../../../db/schema';
import type { SeedContext } from './context';
import { WHITE_LABEL_DEMO as W } from './ids';

const DAY = 86_400_000;

/**
 * Brightside Creative: a portal on its own verified domain (as if Cloudflare had verified
 * it), its reply-to address and email footer, "Powered by CoPortal" hidden. Its own
 * workspace, so the demo and Acme walkthroughs keep their slug-subdomain links.
 */
export function seedWhiteLabel({ db, now }: SeedContext) {
	return [
		db.insert(workspaces).values({
			id: W.workspaceId,
			slug: W.slug,
			name: 'Brightside Creative',
			displayName: 'Brightside Creative',
			brandColor: '#9a3412',
			accentColor: '#0f766e',
			welcomeMessage: 'Welcome to the Brightside client portal.',
			emailSenderName: 'Brightside Creative',
			emailReplyTo: W.replyTo,
			emailFooter: 'Brightside Creative Ltd · 12 Harbour Road, Accra',
			hidePoweredBy: true,
			customDomain: W.customDomain,
			customDomainStatus: 'active',
			customDomainSslStatus: 'active',
			customDomainTxtName: `_coportal.${W.customDomain}`,
			customDomainTxtValue: 'coportal-verify=demo-brightside',
			customDomainCheckedAt: now - DAY,
			customDomainVerifiedAt: now - 3 * DAY,
			defaultCurrency: 'GHS',
			timezone: 'Africa/Accra',
			createdAt: now - 10 * DAY,
			updatedAt: now - DAY
		}),
		db.insert(users).values({ id: W.ownerUserId, email: W.ownerEmail, name: 'Bree Bright', createdAt: now - 10 * DAY }),
		db.insert(memberships).values({
			id: 'mem_brightside_owner',
			workspaceId: W.workspaceId,
			userId: W.ownerUserId,
			role: 'owner',
			acceptedAt: now - 10 * DAY,
			createdAt: now - 10 * DAY
		}),
		db.insert(clients).values({
			id: W.clientId,
			workspaceId: W.workspaceId,
			name: 'Lumen Coffee',
			createdAt: now - 9 * DAY,
			updatedAt: now - 9 * DAY
		}),
		db.insert(clientContacts).values({
			id: W.contactId,
			workspaceId: W.workspaceId,
			clientId: W.clientId,
			name: 'Lena Lumen',
			email: W.clientEmail,
			isPrimary: true,
			createdAt: now - 9 * DAY
		})
	];
}
