import { z } from 'zod';

/**
 * Names a workspace may not take: they are, or could become, hosts and paths of
 * our own, or would let a portal pass for CoPortal itself.
 */
export const RESERVED_SLUGS = new Set([
	'www',
	'api',
	'app',
	'apps',
	'admin',
	'administrator',
	'dashboard',
	'portal',
	'portals',
	'mail',
	'email',
	'smtp',
	'imap',
	'pop',
	'mx',
	'dev',
	'staging',
	'test',
	'demo-admin',
	'static',
	'assets',
	'cdn',
	'media',
	'files',
	'img',
	'images',
	'help',
	'support',
	'docs',
	'status',
	'billing',
	'pay',
	'payments',
	'invoice',
	'invoices',
	'login',
	'logout',
	'signin',
	'signup',
	'register',
	'auth',
	'oauth',
	'sso',
	'account',
	'accounts',
	'settings',
	'security',
	'webhooks',
	'webhook',
	'blog',
	'about',
	'contact',
	'legal',
	'terms',
	'privacy',
	'root',
	'system',
	'coportal',
	'official',
	'team',
	'internal',
	'localhost',
	'ns1',
	'ns2'
]);

export const SLUG_MIN = 3;
export const SLUG_MAX = 40;

/** The subdomain of a workspace's portal: lowercase letters, digits and hyphens, 3-40 characters, no hyphen at either end. */
export const slugSchema = z
	.string({ error: 'Choose a portal address.' })
	.trim()
	.min(1, 'Choose a portal address.')
	.superRefine((value, ctx) => {
		const problem = slugProblem(value);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	});

/** Why a slug is not allowed (null when it is). Pure, so pages can show it as you type too. */
export function slugProblem(value: string): string | null {
	if (value.length < SLUG_MIN) return `Use at least ${SLUG_MIN} characters.`;
	if (value.length > SLUG_MAX) return `Use at most ${SLUG_MAX} characters.`;
	if (/[A-Z]/.test(value)) return 'Use lowercase letters only.';
	if (!/^[a-z0-9-]+$/.test(value))
		return 'Use only lowercase letters, digits and hyphens (no spaces, dots or accents).';
	if (value.startsWith('-') || value.endsWith('-')) return 'The address cannot start or end with a hyphen.';
	if (value.includes('--')) return 'Use single hyphens between words.';
	if (RESERVED_SLUGS.has(value)) return `"${value}" is reserved. Please choose another address.`;
	return null;
}

/** A suggestion from a name: "Zoë & Co. Studio" -> "zoe-co-studio". */
export function slugFromName(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, SLUG_MAX)
		.replace(/-+$/g, '');
}
