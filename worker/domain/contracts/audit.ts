import { boundedIp, boundedUserAgent } from '../request-source';

/** Where a request came from, for the contract audit trail (IP from cf-connecting-ip, the browser's user agent). */
export type AuditSource = { ip: string | null; userAgent: string | null };

export const NO_AUDIT_SOURCE: AuditSource = { ip: null, userAgent: null };

export function auditSource(source: Partial<AuditSource> | undefined): AuditSource {
	return { ip: boundedIp(source?.ip), userAgent: boundedUserAgent(source?.userAgent) };
}
