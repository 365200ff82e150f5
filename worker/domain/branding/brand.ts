import type { Urls } from '../../services/urls';
import type { Workspace } from '../scope';
import { parseHex, readableTextOn, relativeLuminance } from './colors';

export type Brand = {
	name: string;
	color: string;
	onColor: string;
	accent: string;
	logoUrl: string | null;
	/** The header the logo sits on: a light band (with a brand-coloured rule) or the brand colour. */
	header: { background: string; text: string; light: boolean };
	/** Whether the name is written beside the logo (not when the logo is a wordmark that already says it). */
	showName: boolean;
	portalUrl: string;
	senderName: string;
	/** Where client emails' replies go (the agency's address); null = no Reply-To. */
	replyTo: string | null;
	/** The agency's own line at the foot of client emails. */
	footer: string | null;
	/** "Powered by CoPortal" on the portal and in client emails (unless the agency turned it off). */
	poweredBy: boolean;
	welcomeMessage: string | null;
};

const FALLBACK_COLOR = '#4f46e5';
export const LIGHT_HEADER = { background: '#ffffff', text: '#111827' } as const;
const LOGO_CONTRAST = 3;

type LogoFields = Pick<Workspace, 'logoKey' | 'logoBackground' | 'logoLuminance'>;

/**
 * Whether the logo goes on a light band rather than the brand colour: the
 * owner's choice, or with "automatic" the brand colour as long as the logo
 * stands out on it (3:1 by its measured luminance, logo-pixels.ts), else the
 * light band if the logo contrasts more with it. A logo never measured
 * (not a PNG, or uploaded before this) stays on the brand colour, as it was.
 */
export function logoOnLightBand(workspace: LogoFields, brandColor: string): boolean {
	if (!workspace.logoKey) return false;
	if (workspace.logoBackground === 'light') return true;
	if (workspace.logoBackground === 'brand' || workspace.logoLuminance === null) return false;
	const logo = workspace.logoLuminance / 1000;
	const against = (background: number) => (Math.max(logo, background) + 0.05) / (Math.min(logo, background) + 0.05);
	const onBrand = against(relativeLuminance(brandColor));
	// The brand colour while the logo stands out on it (3:1, WCAG's contrast for graphics); else the better of the two.
	return onBrand < LOGO_CONTRAST && against(1) > onBrand;
}

/** How a workspace presents itself on the portal, in emails and on PDFs. */
export function brandOf(workspace: Workspace, urls: Urls): Brand {
	const name = workspace.displayName?.trim() || workspace.name;
	const color = parseHex(workspace.brandColor) ? workspace.brandColor : FALLBACK_COLOR;
	const onColor = readableTextOn(color);
	const light = logoOnLightBand(workspace, color);
	return {
		name,
		color,
		onColor,
		accent: parseHex(workspace.accentColor) ? workspace.accentColor : '#0f766e',
		logoUrl: workspace.logoKey ? urls.portal(workspace, `/branding/logo?v=${workspace.updatedAt}`) : null,
		header: light ? { ...LIGHT_HEADER, light } : { background: color, text: onColor, light },
		showName: !workspace.logoKey || !workspace.logoHasName,
		portalUrl: urls.portal(workspace),
		senderName: workspace.emailSenderName?.trim() || name,
		replyTo: workspace.emailReplyTo || null,
		footer: workspace.emailFooter?.trim() || null,
		poweredBy: !workspace.hidePoweredBy,
		welcomeMessage: workspace.welcomeMessage
	};
}
