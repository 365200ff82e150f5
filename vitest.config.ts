import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Tests run inside workerd with the real bindings of wrangler.toml (D1, KV, R2,
// Durable Objects), isolated per test file; migrations are applied in setup.
// worker/index.ts imports the SvelteKit build, so `vite build` must run first (npm test does).
// `TEST_NOW=<instant> npm run test:unit` runs the suite as if on that date: the Worker's clock
// (services/clock.ts) starts there; unset, it is the real clock. CI runs both.
function pinnedClock(): Record<string, string> {
	const value = process.env.TEST_NOW;
	if (!value) return {};
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw new Error(`TEST_NOW must be an ISO instant, e.g. 2027-06-30T12:00:00Z; got ${value}`);
	return { TEST_NOW: new Date(ms).toISOString(), TEST_NOW_SET_AT: String(Date.now()) };
}

// The shard seam (worker/services/shards.ts) with two databases: the portal `north` lives on
// DB_SHARD_2 (tests/shards.test.ts), with its custom domain, and so does the demo's Fjord Digital (worker/dev/seed/second-shard.ts)
// as under npm start; every other workspace on DB.
const TEST_SHARDS = { north: 'DB_SHARD_2', fjord: 'DB_SHARD_2', 'portal.north.localhost': 'DB_SHARD_2' };

export default defineConfig(async () => {
	const migrations = await readD1Migrations(path.join(import.meta.dirname, 'db/migrations'));
	return {
		plugins: [
			cloudflareTest({
				wrangler: { configPath: './wrangler.toml' },
				miniflare: {
					bindings: {
						TEST_MIGRATIONS: migrations,
						ENVIRONMENT: 'test',
						SHARD_DIRECTORY: JSON.stringify(TEST_SHARDS),
						...pinnedClock()
					}
				}
			})
		],
		resolve: {
			alias: {
				$domain: path.join(import.meta.dirname, 'worker/domain'),
				$services: path.join(import.meta.dirname, 'worker/services'),
				$db: path.join(import.meta.dirname, 'db')
			}
		},
		test: {
			include: ['worker/**/*.test.ts', 'db/**/*.test.ts', 'durable-objects/**/*.test.ts', 'tests/**/*.test.ts'],
			setupFiles: ['./tests/setup.ts'],
			testTimeout: 20_000
		}
	};
});
