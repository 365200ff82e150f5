import type { Env } from '../worker/env';
import type { Services } from '../worker/services';
import type { RequestContext } from '../worker/domain/workspaces/load-request-context';
import type { HostTarget } from '../worker/domain/workspaces/resolve-host';
import type { ErrorCode } from '../worker/domain/errors';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: ErrorCode | string;
			errorId?: string;
		}
		interface Locals {
			services: Services;
			host: HostTarget;
			request: RequestContext;
			ip: string | null;
		}
		interface Platform {
			env: Env;
			ctx: ExecutionContext;
			context: ExecutionContext;
			caches: CacheStorage & { default: Cache };
			cf?: IncomingRequestCfProperties;
		}
	}
}

export {};
