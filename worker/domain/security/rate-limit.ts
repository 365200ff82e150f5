import type { Db } from '../../services/db';

export type RateLimitRule = { key: string; limit: number; windowMs: number };
export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

const UPSERT = `INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
ON CONFLICT(key) DO UPDATE SET
	count = CASE WHEN window_start <= ?3 THEN 1 ELSE count + 1 END,
	window_start = CASE WHEN window_start <= ?3 THEN ?2 ELSE window_start END
RETURNING count, window_start`;

/**
 * Fixed-window counters in D1, one atomic upsert per key; several keys go in
 * one batch (one round trip). The window restarts once it has elapsed.
 */
export async function hitRateLimits(db: Db, rules: RateLimitRule[], now: number): Promise<RateLimitResult> {
	if (rules.length === 0) return { allowed: true, retryAfterSeconds: 0 };
	const d1 = db.$client;
	const results = await d1.batch<{ count: number; window_start: number }>(rules.map((rule) => d1.prepare(UPSERT).bind(rule.key, now, now - rule.windowMs)));
	let retryAfterMs = 0;
	results.forEach((result: D1Result<{ count: number; window_start: number }>, i: number) => {
		const row = result.results[0];
		const rule = rules[i];
		if (row && row.count > rule.limit) retryAfterMs = Math.max(retryAfterMs, row.window_start + rule.windowMs - now);
	});
	return { allowed: retryAfterMs === 0, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
}
