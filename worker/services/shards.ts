import type { Env } from '../env';
import { normalizeHostname } from './hostname';

/**
 * The shard seam: which D1 database holds a workspace. Every workspace is on the default
 * shard (the `DB` binding) unless the directory (`SHARD_DIRECTORY`, a JSON var: a portal's
 * slug or custom domain -> a D1 binding name) names another binding. The request start
 * (worker/request-context.ts) looks the host up here and builds `services.db` on that shard;
 * the cron runs once per shard (worker/scheduled.ts). bench/SCALE.md says why and what is next.
 */
export const DEFAULT_SHARD = 'DB';

export type ShardDirectory = Readonly<Record<string, string>>;

const SHARD_NAME = /^DB(_[A-Z0-9]+)*$/;

/**
 * The directory var, checked: keys spelt as hosts are matched (services/hostname.ts: lower-case,
 * no trailing dot), values D1 binding names (DB, DB_SHARD_2, ...).
 */
export function parseShardDirectory(raw: string | undefined): ShardDirectory {
	if (!raw) return {};
	const parsed: unknown = JSON.parse(raw);
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw new Error('SHARD_DIRECTORY must be a JSON object: {"<slug or custom domain>": "<D1 binding>"}');
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(parsed)) {
		if (typeof value !== 'string' || !SHARD_NAME.test(value))
			throw new Error(`SHARD_DIRECTORY: ${key} names ${String(value)}, not a D1 binding name like DB_SHARD_2`);
		out[normalizeHostname(key)] = value;
	}
	return out;
}

/** The shard of a portal (its slug or custom domain); the dashboard and unknown portals use the default. */
export function shardOf(directory: ShardDirectory, portalKey: string | null): string {
	return (portalKey && directory[portalKey.toLowerCase()]) || DEFAULT_SHARD;
}

/**
 * Whether requests for a portal host (slug or custom domain) reach `shard`: true; 'elsewhere'
 * when the directory lists it for another shard; 'unlisted' when it goes to the default shard
 * and `shard` is not that one.
 */
export function hostRoute(directory: ShardDirectory, host: string, shard: string): true | 'elsewhere' | 'unlisted' {
	const to = shardOf(directory, host);
	if (to === shard) return true;
	return to === DEFAULT_SHARD ? 'unlisted' : 'elsewhere';
}

/** Every shard, the default first: what the cron iterates. */
export function allShards(directory: ShardDirectory): string[] {
	return [...new Set([DEFAULT_SHARD, ...Object.values(directory)])];
}

/** Whether `name` (from a cookie or a link's record) is a shard this Worker's directory lists. */
export function isKnownShard(directory: ShardDirectory, name: string): boolean {
	return allShards(directory).includes(name);
}

/** The D1 binding of a shard; a name the Worker has no binding for is a deployment error. */
export function shardBinding(env: Env, shard: string): D1Database {
	const binding = (env as unknown as Record<string, unknown>)[shard] as D1Database | undefined;
	if (!binding || typeof binding.withSession !== 'function')
		throw new Error(`No D1 binding named ${shard} (SHARD_DIRECTORY names it; add it to wrangler.toml)`);
	return binding;
}
