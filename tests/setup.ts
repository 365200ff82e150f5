import { applyD1Migrations, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach } from 'vitest';
import { clearContextCache } from '../worker/services/context-cache';

// Storage is isolated per test file by the pool; reset it before every test as
// well so each test starts from an empty, migrated database and empty KV/R2.
// The per-isolate request-context cache outlives a test's storage, so it starts empty too.
beforeEach(async () => {
	clearContextCache();
	await reset();
	await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});
