import { z } from 'zod';

/** Emails are compared lowercased and trimmed everywhere. */
export const emailSchema = z
	.string({ error: 'Enter your email address.' })
	.trim()
	.min(1, 'Enter your email address.')
	.max(254, 'That email address is too long.')
	.pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))
	.transform((v) => v.toLowerCase());

const ORIGIN_PROBE = 'https://same-site.invalid';

/**
 * Only same-site relative paths may be used as a post-login redirect. Browsers drop
 * tabs and newlines from URLs and read backslashes as slashes, so "/\t/evil.example"
 * would leave the site: any control character or backslash is refused, and the path
 * must resolve against our own origin without changing it. The result must not start
 * with "//" or "/\\" either: "/.//evil.example" resolves to "//evil.example", which a
 * browser reads as another site when it is used as a Location.
 */
export function safeRedirect(path: unknown, fallback = '/'): string {
	if (typeof path !== 'string' || !path.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(path)) return fallback;
	let url: URL;
	try {
		url = new URL(path, ORIGIN_PROBE);
	} catch {
		return fallback;
	}
	if (url.origin !== ORIGIN_PROBE) return fallback;
	const result = url.pathname + url.search + url.hash;
	return /^\/[\/\\]/.test(result) ? fallback : result;
}
