import { z } from 'zod';

/** Emails are compared lowercased and trimmed everywhere. */
export const emailSchema = z
	.string({ error: 'Enter your email address.' })
	.trim()
	.min(1, 'Enter your email address.')
	.max(254, 'That email address is too long.')
	.pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))
	.transform((v) => v.toLowerCase());

/** Only same-site relative paths may be used as a post-login redirect. */
export function safeRedirect(path: unknown, fallback = '/'): string {
	if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
	return path;
}
