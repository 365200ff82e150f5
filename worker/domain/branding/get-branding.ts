import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { brandOf } from './brand';
import { brandColorWarnings } from './contrast-warnings';
import { LOGO_MAX_BYTES } from './logo-file';

/** Settings -> Branding: the saved values, how they look (the preview's brand), and contrast warnings. */
export async function getBranding(scope: Scope) {
	const staff = requireStaff(scope.actor);
	const { services } = scope;
	// Read again: after a form action on this request, the request's copy is out of date.
	const workspace =
		(await services.db.select().from(workspaces).where(eq(workspaces.id, scope.workspace.id)).get()) ?? scope.workspace;
	return {
		values: {
			displayName: workspace.displayName ?? '',
			brandColor: workspace.brandColor,
			accentColor: workspace.accentColor,
			welcomeMessage: workspace.welcomeMessage ?? '',
			emailSenderName: workspace.emailSenderName ?? '',
			emailReplyTo: workspace.emailReplyTo ?? '',
			emailFooter: workspace.emailFooter ?? '',
			hidePoweredBy: workspace.hidePoweredBy,
			logoBackground: workspace.logoBackground,
			logoHasName: workspace.logoHasName
		},
		/** Measured at upload (0-1000); null when unknown. The preview uses it for "automatic". */
		logoLuminance: workspace.logoLuminance,
		workspaceName: workspace.name,
		hasLogo: Boolean(workspace.logoKey),
		logoVersion: workspace.updatedAt,
		brand: brandOf(workspace, services.urls),
		warnings: brandColorWarnings(workspace),
		logoMaxBytes: LOGO_MAX_BYTES,
		canEdit: staff.role === 'owner'
	};
}
