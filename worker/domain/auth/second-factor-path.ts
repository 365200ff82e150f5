import { safeRedirect } from './email-address';

/** The page that finishes a pending staff sign-in, then goes on to `next`. */
export function secondFactorPath(next: string | null | undefined): string {
	const target = safeRedirect(next ?? '/', '/');
	return target === '/' ? '/auth/second-factor' : `/auth/second-factor?next=${encodeURIComponent(target)}`;
}
