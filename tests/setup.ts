import { applyD1Migrations, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach } from 'vitest';

// Storage is isolated per test file by the pool; reset it before every test as
// well so each test starts from an empty, migrated database and empty KV/R2.
beforeEach(async () => {
	await reset();
	await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
	// The second shard (worker/services/shards.ts, tests/shards.test.ts).
	if (env.DB_SHARD_2) await applyD1Migrations(env.DB_SHARD_2, env.TEST_MIGRATIONS);
});
