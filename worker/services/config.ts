import { z } from 'zod';
import type { Env } from '../env';
import { parseShardDirectory, type ShardDirectory } from './shards';

const configSchema = z.object({
	ENVIRONMENT: z.enum(['development', 'production', 'test']).default('production'),
	PUBLIC_APP_HOST: z.string().min(1),
	PUBLIC_PORTAL_DOMAIN: z.string().min(1),
	DEV_PORT: z.coerce.number().int().positive().default(8787),
	MAX_UPLOAD_BYTES: z.coerce
		.number()
		.int()
		.positive()
		.default(25 * 1024 * 1024),
	LOGIN_LIMIT_PER_EMAIL: z.coerce.number().int().positive().default(5),
	LOGIN_LIMIT_PER_IP: z.coerce.number().int().positive().default(30),
	MAIL_FROM: z.string().default('CoPortal <notifications@coportal.local>'),
	RESEND_API_KEY: z.string().optional(),
	ENCRYPTION_KEY: z.string().optional(),
	CF_ZONE_ID: z.string().optional(),
	CF_API_TOKEN: z.string().optional(),
	CUSTOM_DOMAIN_TARGET: z.string().optional()
});

export type AppConfig = {
	environment: 'development' | 'production' | 'test';
	isDevelopment: boolean;
	appHost: string;
	portalDomain: string;
	devPort: number;
	maxUploadBytes: number;
	loginLimitPerEmail: number;
	loginLimitPerIp: number;
	mailFrom: string;
	resendApiKey?: string;
	encryptionKey?: string;
	/** Which workspaces live on another shard than DB (services/shards.ts). */
	shardDirectory: ShardDirectory;
	/** Cloudflare for SaaS custom hostnames; both set, or custom domains take the manual path. */
	cloudflare?: { zoneId: string; apiToken: string };
	/** The CNAME target an agency points its domain at (the SaaS zone's fallback origin). */
	customDomainTarget: string;
};

const cache = new WeakMap<object, AppConfig>();

/** Reads the Worker's vars once per isolate (they are constant per deployment). */
export function readConfig(env: Env): AppConfig {
	const hit = cache.get(env);
	if (hit) return hit;
	const raw = configSchema.parse(env);
	const config: AppConfig = {
		environment: raw.ENVIRONMENT,
		isDevelopment: raw.ENVIRONMENT !== 'production',
		appHost: raw.PUBLIC_APP_HOST.toLowerCase(),
		portalDomain: raw.PUBLIC_PORTAL_DOMAIN.toLowerCase(),
		devPort: raw.DEV_PORT,
		maxUploadBytes: raw.MAX_UPLOAD_BYTES,
		loginLimitPerEmail: raw.LOGIN_LIMIT_PER_EMAIL,
		loginLimitPerIp: raw.LOGIN_LIMIT_PER_IP,
		mailFrom: raw.MAIL_FROM,
		resendApiKey: raw.RESEND_API_KEY || undefined,
		encryptionKey: raw.ENCRYPTION_KEY || undefined,
		shardDirectory: parseShardDirectory(env.SHARD_DIRECTORY),
		cloudflare: raw.CF_ZONE_ID && raw.CF_API_TOKEN ? { zoneId: raw.CF_ZONE_ID, apiToken: raw.CF_API_TOKEN } : undefined,
		customDomainTarget: (raw.CUSTOM_DOMAIN_TARGET || `domains.${raw.PUBLIC_PORTAL_DOMAIN}`).toLowerCase()
	};
	cache.set(env, config);
	return config;
}
