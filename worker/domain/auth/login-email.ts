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

/** The sign-in email of the staff dashboard, branded as CoPortal. */
export async function sendStaffLoginEmail(services: Services, to: string, url: string): Promise<void> {
	const { html, text } = renderEmail(coportalBrand(services.urls.app()), {
		preheader: 'Your CoPortal sign-in link',
		heading: 'Sign in to CoPortal',
		paragraphs: ['Use the button below to sign in to your dashboard. The link works once and expires in 1 hour.'],
		button: { label: 'Sign in to the dashboard', url },
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
