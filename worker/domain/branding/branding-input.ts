import { z } from 'zod';
import { optionalText } from '../form-fields';
import { plainNameCheck } from '../names';

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
		.superRefine(plainNameCheck)
});
export type BrandingInput = z.output<typeof brandingSchema>;
