import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Tests run inside workerd with the real bindings of wrangler.toml (D1, KV, R2,
// Durable Objects), isolated per test file; migrations are applied in setup.
// worker/index.ts imports the SvelteKit build, so `vite build` must run first (npm test does).
export default defineConfig(async () => {
	const migrations = await readD1Migrations(path.join(import.meta.dirname, 'db/migrations'));
	return {
		plugins: [
			cloudflareTest({
				wrangler: { configPath: './wrangler.toml' },
				miniflare: {
					bindings: { TEST_MIGRATIONS: migrations, ENVIRONMENT: 'test' }
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
