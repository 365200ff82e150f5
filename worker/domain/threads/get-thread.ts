import { and, eq } from 'drizzle-orm';
import { projects, threads } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { threadScope } from './thread-scope';

/** One thread the actor may see, with its project's name; anything else is "not found". */
export async function getThread(opts: Scope & { threadId: string }) {
	const row = await opts.services.db
		.select({ thread: threads, projectName: projects.name })
		.from(threads)
		.innerJoin(projects, eq(projects.id, threads.projectId))
		.where(and(threadScope(opts), eq(threads.id, opts.threadId)))
		.get();
	if (!row) throw notFound('That conversation');
	return row;
}
