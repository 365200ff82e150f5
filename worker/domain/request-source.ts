/**
 * What a request says about its sender (IP, user agent) is bounded where it is
 * recorded (contract audit trail, sessions): a header can be as long as the
 * sender likes, and whatever is stored is read back and drawn into documents.
 */
export const MAX_USER_AGENT_CHARS = 256;
/** An IPv6 address with a zone is under 64 characters. */
export const MAX_IP_CHARS = 64;

export const boundedUserAgent = (userAgent: string | null | undefined): string | null =>
	userAgent?.slice(0, MAX_USER_AGENT_CHARS) || null;
export const boundedIp = (ip: string | null | undefined): string | null => ip?.slice(0, MAX_IP_CHARS) || null;
