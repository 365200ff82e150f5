import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { clientContacts, files, memberships, projects, users } from '../../../db/schema';
import { requireMember, type ClientActor, type StaffActor } from '../actor';
import { notFound } from '../errors';
import { limitOffset, pageFrom, toPage, type Page } from '../pagination';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { clientFileColumns, staffFileColumns, uploaderJoins, type ClientFile, type StaffFile } from './file-views';

export type ProjectFiles<F> = { files: Page<F>; total: number };
/** Staff also get the visibility they chose on their last upload, to offer it again. */
export type StaffProjectFiles = ProjectFiles<StaffFile> & { uploadDefaults: { clientVisible: boolean } };
type Input = { projectId: string; page?: unknown; pageSize?: unknown };

/**
 * A project's files, newest first, paginated, in one round trip. Staff see every
 * file with its visibility and who uploaded it (a teammate or a client
 * contact); a client sees only the files visible to them on their own company's
 * projects (shared by staff, or uploaded by their company), without staff-only
 * fields. Message attachments are not project files: they stay with their message.
 */
export async function listProjectFiles(opts: Scope & { actor: StaffActor; input: Input }): Promise<StaffProjectFiles>;
export async function listProjectFiles(
	opts: Scope & { actor: ClientActor; input: Input }
): Promise<ProjectFiles<ClientFile>>;
export async function listProjectFiles(
	opts: Scope & { input: Input }
): Promise<StaffProjectFiles | ProjectFiles<ClientFile>>;
export async function listProjectFiles(
	opts: Scope & { input: Input }
): Promise<StaffProjectFiles | ProjectFiles<ClientFile>> {
	const actor = requireMember(opts.actor);
	const db = opts.services.db;
	const req = pageFrom({ page: opts.input.page, pageSize: opts.input.pageSize });
	const { limit, offset } = limitOffset(req);
	const where = and(
		clientScope(files, opts),
		eq(files.projectId, opts.input.projectId),
		isNull(files.threadId),
		actor.kind === 'client' ? eq(files.clientVisible, true) : undefined
	);
	const projectQuery = db
		.select({ id: projects.id })
		.from(projects)
		.where(and(clientScope(projects, opts), eq(projects.id, opts.input.projectId)));
	const countQuery = db
		.select({ n: sql<number>`count(*)` })
		.from(files)
		.where(where);
	const order = [desc(files.createdAt), desc(files.id)] as const;

	if (actor.kind === 'client') {
		const columns = clientFileColumns(actor, opts.services.clock.now());
		const [project, rows, count] = await db.batch([
			projectQuery,
			db
				.select(columns)
				.from(files)
				.leftJoin(clientContacts, uploaderJoins.contact)
				.where(where)
				.orderBy(...order)
				.limit(limit)
				.offset(offset),
			countQuery
		]);
		if (!project.length) throw notFound('That project');
		return { files: toPage(rows, req), total: count[0]?.n ?? 0 };
	}
	const [project, rows, count, member] = await db.batch([
		projectQuery,
		db
			.select(staffFileColumns)
			.from(files)
			.leftJoin(users, uploaderJoins.user)
			.leftJoin(clientContacts, uploaderJoins.contact)
			.where(where)
			.orderBy(...order)
			.limit(limit)
			.offset(offset),
		countQuery,
		db
			.select({ clientVisible: memberships.uploadClientVisible })
			.from(memberships)
			.where(and(eq(memberships.workspaceId, opts.workspace.id), eq(memberships.userId, actor.userId)))
	]);
	if (!project.length) throw notFound('That project');
	return {
		files: toPage(rows, req),
		total: count[0]?.n ?? 0,
		uploadDefaults: { clientVisible: member[0]?.clientVisible ?? false }
	};
}
