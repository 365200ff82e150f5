import { sql } from 'drizzle-orm';
import type { Services } from '../../services';
import type { Db } from '../../services/db';
import { DEFAULT_SHARD } from '../../services/shards';

export type RateLimitRule = { key: string; limit: number; windowMs: number };
export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };
type CounterRow = { count: number; window_start: number };

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
	const results = await d1.batch<CounterRow>(
		rules.map((rule) => d1.prepare(UPSERT).bind(rule.key, now, now - rule.windowMs))
	);
	return rateLimitOutcome(
		rules,
		results.map((r) => r.results[0]),
		now
	);
}

/**
 * One rule's upsert as a drizzle query, to share a `db.batch` (and its round trip) with
 * other statements; `rateLimitOutcome` reads its rows.
 */
export function rateLimitHit(db: Db, rule: RateLimitRule, now: number) {
	return db.all<CounterRow>(sql`INSERT INTO rate_limits (key, window_start, count) VALUES (${rule.key}, ${now}, 1)
ON CONFLICT(key) DO UPDATE SET
	count = CASE WHEN window_start <= ${now - rule.windowMs} THEN 1 ELSE count + 1 END,
	window_start = CASE WHEN window_start <= ${now - rule.windowMs} THEN ${now} ELSE window_start END
RETURNING count, window_start`);
}

export function rateLimitOutcome(
	rules: RateLimitRule[],
	rows: (CounterRow | undefined)[],
	now: number
): RateLimitResult {
	let retryAfterMs = 0;
	rules.forEach((rule, i) => {
		const row = rows[i];
		if (row && row.count > rule.limit) retryAfterMs = Math.max(retryAfterMs, row.window_start + rule.windowMs - now);
	});
	return { allowed: retryAfterMs === 0, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
}

/**
 * Where sign-in's and sign-up's limits are counted: on the default shard, whatever shard the
 * request is on. On the dashboard a staff cookie names the shard, and anyone can write a
 * cookie: counted per shard, changing it would buy a fresh budget.
 */
export function signInLimitsDb(services: Services): Db {
	return services.onShard(DEFAULT_SHARD).db;
}
