import type { Services } from '../../services';
import { renderEmail } from '../../services/mail/layout';
import { brandOf } from '../branding/brand';
import type { Workspace } from '../scope';

/** The sign-in email of a client portal, branded as the workspace. */
export async function sendPortalLoginEmail(services: Services, workspace: Workspace, to: string, url: string, tag = 'login'): Promise<void> {
	const brand = brandOf(workspace, services.urls);
	const { html, text } = renderEmail(brand, {
		preheader: `Your sign-in link for ${brand.name}`,
		heading: `Sign in to ${brand.name}`,
		paragraphs: ['Use the button below to sign in to your client portal. The link works once and expires in 1 hour.'],
		button: { label: 'Sign in', url },
		footnote: "If you didn't ask for this email, you can ignore it: nobody can sign in without the link."
	});
	await services.mail.send({ workspaceId: workspace.id, to, subject: `Your sign-in link for ${brand.name}`, html, text, fromName: brand.senderName, tag });
}

/** The sign-in email of the staff dashboard, branded as CoPortal. */
export async function sendStaffLoginEmail(services: Services, to: string, url: string): Promise<void> {
	const { html, text } = renderEmail(
		{ name: 'CoPortal', color: '#111827', onColor: '#ffffff', logoUrl: null, portalUrl: services.urls.app() },
		{
			preheader: 'Your CoPortal sign-in link',
			heading: 'Sign in to CoPortal',
			paragraphs: ['Use the button below to sign in to your dashboard. The link works once and expires in 1 hour.'],
			button: { label: 'Sign in to the dashboard', url },
			footnote: "If you didn't ask for this email, you can ignore it."
		}
	);
	await services.mail.send({ workspaceId: null, to, subject: 'Your CoPortal sign-in link', html, text, fromName: 'CoPortal', tag: 'login' });
}
