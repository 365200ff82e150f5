import type { Services } from '../../services';
import { coportalBrand, renderEmail } from '../../services/mail/layout';
import { brandOf } from '../branding/brand';
import { plainName } from '../names';
import type { Workspace } from '../scope';

/**
 * The sign-in email of a client portal, branded as the workspace. Anyone can ask for
 * it for a contact's address, so it is fixed wording around the brand's plain name
 * (a stored name written before the name rules falls back to neutral wording).
 */
export async function sendPortalLoginEmail(
	services: Services,
	workspace: Workspace,
	to: string,
	url: string,
	tag = 'login'
): Promise<void> {
	const workspaceBrand = brandOf(workspace, services.urls);
	const name = plainName(workspaceBrand.name, 'your client portal');
	const brand = { ...workspaceBrand, name };
	const { html, text } = renderEmail(brand, {
		preheader: `Your sign-in link for ${name}`,
		heading: `Sign in to ${name}`,
		paragraphs: ['Use the button below to sign in to your client portal. The link works once and expires in 1 hour.'],
		button: { label: 'Sign in', url },
		footnote: "If you didn't ask for this email, you can ignore it: nobody can sign in without the link."
	});
	await services.mail.send({
		workspaceId: workspace.id,
		to,
		subject: `Your sign-in link for ${name}`,
		html,
		text,
		fromName: plainName(workspaceBrand.senderName, 'Client portal'),
		replyTo: workspaceBrand.replyTo ?? undefined,
		tag
	});
}

/** Up to three names, then "and more". */
function workspaceNames(names: string[]): string {
	const named = names
		.slice(0, 3)
		.map((name) => plainName(name, 'a workspace'))
		.join(', ');
	return names.length > 3 ? `${named} and more` : named;
}

/** A staff sign-in link, and the workspaces it opens (named when the email offers several links). */
export type StaffSignInLink = { url: string; workspaces: string[] };

/**
 * The sign-in email of the staff dashboard, branded as CoPortal. Usually one link; a person
 * whose workspaces are on more than one shard (staff-shard.ts) gets one link per shard in the
 * same email, each named by its workspaces.
 */
export async function sendStaffLoginEmail(
	services: Services,
	to: string,
	links: [StaffSignInLink, ...StaffSignInLink[]]
): Promise<void> {
	const several = links.length > 1;
	const [first, ...rest] = links.map((link) => ({
		label: several ? `Sign in to ${workspaceNames(link.workspaces)}` : 'Sign in to the dashboard',
		url: link.url
	}));
	const { html, text } = renderEmail(coportalBrand(services.urls.app()), {
		preheader: 'Your CoPortal sign-in link',
		heading: 'Sign in to CoPortal',
		paragraphs: [
			several
				? 'Your workspaces are kept in more than one place, so each has its own link below: choose where to sign in. Each link works once and expires in 1 hour.'
				: 'Use the button below to sign in to your dashboard. The link works once and expires in 1 hour.'
		],
		button: first,
		moreButtons: rest,
		footnote: "If you didn't ask for this email, you can ignore it."
	});
	await services.mail.send({
		workspaceId: null,
		to,
		subject: 'Your CoPortal sign-in link',
		html,
		text,
		fromName: 'CoPortal',
		tag: 'login'
	});
}
