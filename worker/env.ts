/** Bindings and variables of the Worker (wrangler.toml), plus secrets set with `wrangler secret put`. */
export interface Env {
	/** The default shard, and the only one unless SHARD_DIRECTORY names others (services/shards.ts). */
	DB: D1Database;
	/** A second shard (local and tests: the seam is exercised with two databases). */
	DB_SHARD_2?: D1Database;
	TOKENS: KVNamespace;
	FILES: R2Bucket;
	/** ThreadRoom (durable-objects/thread-room.ts); the domain types its stubs (domain/threads/room.ts). */
	THREAD_ROOM: DurableObjectNamespace;
	ASSETS: Fetcher;

	ENVIRONMENT: string;
	PUBLIC_APP_HOST: string;
	PUBLIC_PORTAL_DOMAIN: string;
	DEV_PORT?: string;
	MAX_UPLOAD_BYTES?: string;
	LOGIN_LIMIT_PER_EMAIL?: string;
	LOGIN_LIMIT_PER_IP?: string;
	MAIL_FROM?: string;
	/** JSON: a portal's slug or custom domain -> the D1 binding of its shard (services/shards.ts). */
	SHARD_DIRECTORY?: string;
	/** Tests only (ENVIRONMENT=test): the instant the Worker's clock reads, see services/clock.ts. */
	TEST_NOW?: string;
	TEST_NOW_SET_AT?: string;

	// Secrets
	RESEND_API_KEY?: string;
	/** 32 random bytes, base64: encrypts workspace secrets (Paystack keys) at rest. */
	ENCRYPTION_KEY?: string;
}
