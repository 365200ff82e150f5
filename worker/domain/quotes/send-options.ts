import { and, asc, eq, inArray } from 'drizzle-orm';
import { projects } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** The projects a quote can join on acceptance instead of starting a new one: the client's open ones. */
export async function quoteSendOptions(opts: Scope & { clientId: string }) {
	requireStaff(opts.actor);
	const rows = await opts.services.db
		.select({ id: projects.id, name: projects.name })
		.from(projects)
		.where(
			and(
				staffScope(projects, opts),
				eq(projects.clientId, opts.clientId),
				inArray(projects.status, ['active', 'on_hold'])
			)
		)
		.orderBy(asc(projects.name))
		.limit(200);
	return { projects: rows };
}
