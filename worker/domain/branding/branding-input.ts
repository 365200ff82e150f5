import { z } from 'zod';
import { optionalText } from '../form-fields';
import { plainNameCheck } from '../names';

/** A checkbox posted after a hidden "off" (the last value wins), or a JSON boolean. */
const flag = z.preprocess(
	(v) => (Array.isArray(v) ? v.at(-1) : v),
	z.union([z.boolean(), z.enum(['on', 'off', 'true', 'false']).transform((v) => v === 'on' || v === 'true')], {
		error: 'Choose yes or no.'
	})
);

const hex = (label: string) =>
	z
		.string({ error: `Choose a ${label}.` })
		.trim()
		.regex(/^#?[0-9a-fA-F]{6}$/, `Enter the ${label} as a hex code like #4338ca.`)
		.transform((v) => `#${v.replace(/^#/, '').toLowerCase()}`);

/** What Settings -> Branding edits (the logo has its own upload). */
export const brandingSchema = z.object({
	displayName: optionalText(80).superRefine(plainNameCheck),
	brandColor: hex('brand colour'),
	accentColor: hex('accent colour'),
	welcomeMessage: optionalText(500),
	// The mailer also strips quotes and angle brackets; refusing them here says why.
	emailSenderName: optionalText(60)
		.refine((v) => !v || !/["<>\r\n]/.test(v), 'The sender name cannot contain quotes or angle brackets.')
		.superRefine(plainNameCheck),
	// Replies to client emails go here (the From address stays ours, on the verified sending domain).
	emailReplyTo: z.preprocess(
		(v) => (typeof v === 'string' ? v.trim().toLowerCase() || null : v),
		z.email({ error: 'Enter an email address like hello@youragency.com.' }).max(254).nullable().optional()
	),
	// A line at the foot of every client email (plain text; escaped in the HTML).
	emailFooter: optionalText(300).optional(),
	// Hides "Powered by CoPortal" on the portal and in client emails; left out (an API call), it stays.
	hidePoweredBy: flag.optional(),
	// Where the logo sits and whether the name is written beside it; left out (an API call), they stay as they are.
	logoBackground: z.enum(['auto', 'light', 'brand'], { error: 'Choose where the logo goes.' }).optional(),
	logoHasName: flag.optional()
});
export type BrandingInput = z.output<typeof brandingSchema>;
