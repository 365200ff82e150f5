/** Where a request came from, for the contract audit trail (IP from cf-connecting-ip, the browser's user agent). */
export type AuditSource = { ip: string | null; userAgent: string | null };

export const NO_AUDIT_SOURCE: AuditSource = { ip: null, userAgent: null };

export function auditSource(source: Partial<AuditSource> | undefined): AuditSource {
	return { ip: source?.ip?.slice(0, 64) || null, userAgent: source?.userAgent?.slice(0, 512) || null };
}
