/**
 * Import boundaries of CoPortal (ARCHITECTURE.md, "Layers and import rules"), checked by
 * `npm run check` through scripts/check-boundaries.mjs. Dependencies point one way:
 *
 *   app/ (SvelteKit)    worker/http/ (Hono)    durable-objects/
 *          \                 |   \                  /
 *           \                |   worker/dev/ (demo seed, dev tools; only the /dev routes)
 *            \               |   /
 *             worker/domain/ (use cases, the product's vocabulary)
 *                        |
 *             worker/services/ (outside world) + worker/env.ts (bindings)
 *                        |
 *             db/ (schema and migrations)
 *
 * worker/index.ts and worker/scheduled.ts are the Worker's entry: they may import anything.
 * Tests, fixtures, e2e, scripts and bench may import anything too, but may not make cycles.
 * Type-only imports count everywhere (`import type` from a forbidden layer is still a coupling).
 */

/** Files the layer rules do not apply to: tests and their helpers, tools. */
const TEST_OR_TOOL = '(\\.test\\.ts$|(^|/)(testing|test-support)\\.ts$|^(tests|e2e|scripts|bench)/)';

module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			comment:
				'No import cycles at all, type-only ones included: a cycle makes a layer depend on itself through the layers above it (the demo seed once tied 191 files into one).',
			severity: 'error',
			from: {},
			to: { circular: true }
		},
		{
			name: 'db-is-a-leaf',
			comment:
				'db/ holds the schema and the migrations only. drizzle-kit reads it on its own, and everything builds on it, so it imports nothing of the app (the demo seed lives in worker/dev/seed).',
			severity: 'error',
			from: { path: '^db/' },
			to: { pathNot: '^(db/|node_modules/)', dependencyTypesNot: ['core'] }
		},
		{
			name: 'services-depend-on-nothing-above',
			comment:
				'worker/services is the outside world (D1, mail, R2, KV, clock, urls, Paystack) behind small interfaces. It may use the schema and the bindings type, never the domain, the HTTP layer, the pages, the dev tools or the Durable Object: it reports failure with its own ServiceUnavailableError and the domain translates it into AppError.',
			severity: 'error',
			from: { path: '^worker/services/', pathNot: TEST_OR_TOOL },
			to: { pathNot: '^(worker/services/|db/|worker/env\\.ts$|node_modules/)', dependencyTypesNot: ['core'] }
		},
		{
			name: 'domain-below-its-callers',
			comment:
				'Use cases are called by pages, routes, the cron and the Durable Object; they never import them (no HTTP, no SvelteKit, no DO class: the domain names the room by its RPC interface in threads/room.ts). Display formatting lives in domain/format.ts, not in app/.',
			severity: 'error',
			from: { path: '^worker/domain/', pathNot: TEST_OR_TOOL },
			to: {
				path: '^(app|durable-objects|worker/http|worker/dev)/|^worker/(index|scheduled|https-only|security-headers)\\.ts$'
			}
		},
		{
			name: 'pages-never-reach-the-database',
			comment:
				'app/ reads and writes only through use cases: never the schema (status lists and types come from the domain, e.g. quotes/quote-status.ts), never the HTTP layer, the dev tools or the Durable Object.',
			severity: 'error',
			from: { path: '^app/' },
			to: {
				path: '^(db|durable-objects|worker/http|worker/dev)/|^worker/(index|scheduled|https-only|security-headers)\\.ts$'
			}
		},
		{
			name: 'only-the-sveltekit-root-builds-services',
			comment:
				'Services are built once per request by the SvelteKit hooks (app/hooks.server.ts, typed in app/app.d.ts) and reach pages through locals; pages, components and app/lib never import worker/services themselves.',
			severity: 'error',
			from: { path: '^app/', pathNot: '^app/(hooks\\.server\\.ts|app\\.d\\.ts)$' },
			to: { path: '^worker/services/' }
		},
		{
			name: 'routes-never-reach-the-database',
			comment:
				'Hono routes are thin: they call use cases and never query the schema themselves (the /dev routes included: their queries are use cases in worker/dev/). They never import the pages or the Durable Object class.',
			severity: 'error',
			from: { path: '^worker/http/', pathNot: TEST_OR_TOOL },
			to: { path: '^(db|app|durable-objects)/' }
		},
		{
			name: 'durable-objects-use-domain-and-services',
			comment:
				'The ThreadRoom Durable Object stores and fans out messages through the domain (threads/message-store.ts) and the services; it does not know HTTP, pages, the schema or the dev tools.',
			severity: 'error',
			from: { path: '^durable-objects/', pathNot: TEST_OR_TOOL },
			to: {
				pathNot:
					'^(durable-objects/|worker/domain/|worker/services/|worker/env\\.ts$|node_modules/|cloudflare:workers$)',
				dependencyTypesNot: ['core']
			}
		},
		{
			name: 'dev-tools-only-behind-the-dev-routes',
			comment:
				'worker/dev (demo seed, dev outbox, sign-in link minting) is reachable in production code only through worker/http/routes/dev.ts, which answers 404 outside development. Tests, e2e, scripts and bench use it freely.',
			severity: 'error',
			from: {
				path: '^(app|worker|db|durable-objects)/',
				pathNot: `^worker/dev/|^worker/http/routes/dev\\.ts$|${TEST_OR_TOOL}`
			},
			to: { path: '^worker/dev/' }
		},
		{
			name: 'dev-tools-stay-below-http',
			comment:
				'The dev tools are use cases and data for the /dev routes; like the domain, they never import the HTTP layer, the pages or the Durable Object.',
			severity: 'error',
			from: { path: '^worker/dev/', pathNot: TEST_OR_TOOL },
			to: { path: '^(app|durable-objects|worker/http)/|^worker/(index|scheduled|https-only|security-headers)\\.ts$' }
		},
		{
			name: 'no-test-code-in-production',
			comment:
				'Test helpers and fixtures (tests/, e2e/, *.test.ts, testing.ts, test-support.ts) may be imported by tests only: they seed data, stub fetch and hold known secrets.',
			severity: 'error',
			from: { path: '^(app|worker|db|durable-objects)/', pathNot: TEST_OR_TOOL },
			to: { path: TEST_OR_TOOL }
		},
		{
			name: 'not-to-unresolvable',
			comment:
				'An import the checker cannot resolve escapes every rule above (e.g. a new path alias): it must resolve. Exceptions: virtual modules of workerd, vitest and SvelteKit, and the SvelteKit build that worker/index.ts imports (absent before `vite build`).',
			severity: 'error',
			from: {},
			to: {
				couldNotResolve: true,
				pathNot:
					'^(node:sqlite$|cloudflare:|\\$app/|\\$env/|\\$service-worker$)|/\\.svelte-kit/cloudflare/_worker\\.js$'
			}
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '(^|/)(node_modules|\\.svelte-kit|\\.wrangler|\\.e2e-state|test-results|playwright-report)/' },
		// Aliases ($lib, $domain, $services, ...) come from the tsconfig SvelteKit writes (`svelte-kit sync`).
		tsConfig: { fileName: '.svelte-kit/tsconfig.json' },
		tsPreCompilationDeps: true,
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.d.ts', '.json'],
			mainFields: ['module', 'main', 'types', 'typings']
		},
		skipAnalysisNotInRules: true
	}
};
