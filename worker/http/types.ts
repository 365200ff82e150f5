import type { Env } from '../env';
import type { Services } from '../services';
import type { Scope } from '../domain/scope';
import type { RequestContext } from '../domain/workspaces/load-request-context';
import type { HostTarget } from '../domain/workspaces/resolve-host';

export type ApiEnv = {
	Bindings: Env;
	Variables: {
		services: Services;
		host: HostTarget;
		request: RequestContext;
		ip: string | null;
	};
};

export type { Scope };
