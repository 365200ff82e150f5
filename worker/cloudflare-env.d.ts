import type { Env } from './env';

// Types for `cloudflare:workers` (env, exports). Kept out of env.ts: env.ts sits under the
// services, and naming the Worker's entry (which imports everything) there made every module
// part of one import cycle. Nothing imports this file; tsconfig includes it.

type WorkerEnv = Env;

declare global {
	// eslint-disable-next-line @typescript-eslint/no-namespace
	namespace Cloudflare {
		// `env` from cloudflare:workers is this Worker's Env.
		// eslint-disable-next-line @typescript-eslint/no-empty-object-type
		interface Env extends WorkerEnv {}
		interface GlobalProps {
			mainModule: typeof import('./index');
		}
	}
}
