import type { Urls } from '../../services/urls';
import type { Workspace } from '../scope';
import { parseHex, readableTextOn } from './colors';

export type Brand = {
	name: string;
	color: string;
	onColor: string;
	accent: string;
	logoUrl: string | null;
	portalUrl: string;
	senderName: string;
	welcomeMessage: string | null;
};

const FALLBACK_COLOR = '#4f46e5';

/** How a workspace presents itself on the portal, in emails and on PDFs. */
export function brandOf(workspace: Workspace, urls: Urls): Brand {
	const name = workspace.displayName?.trim() || workspace.name;
	const color = parseHex(workspace.brandColor) ? workspace.brandColor : FALLBACK_COLOR;
	return {
		name,
		color,
		onColor: readableTextOn(color),
		accent: parseHex(workspace.accentColor) ? workspace.accentColor : '#0f766e',
		logoUrl: workspace.logoKey ? urls.portal(workspace, `/branding/logo?v=${workspace.updatedAt}`) : null,
		portalUrl: urls.portal(workspace),
		senderName: workspace.emailSenderName?.trim() || name,
		welcomeMessage: workspace.welcomeMessage
	};
}
