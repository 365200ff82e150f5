/** Exact UTC time for the audit trail, e.g. 2026-11-23 12:00:05 UTC (pages and the certificate page alike). */
export const utcTime = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
