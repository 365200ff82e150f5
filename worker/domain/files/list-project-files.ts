import { and, desc, eq, sql } from 'drizzle-orm';
import { files, projects, users } from '../../../db/schema';
import { requireMember, type ClientActor, type StaffActor } from '../actor';
import { notFound } from '../errors';
import { limitOffset, pageFrom, toPage, type Page } from '../pagination';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { clientFileColumns, staffFileColumns, type ClientFile, type StaffFile } from './file-views';

export type ProjectFiles<F> = { files: Page<F>; total: number };
type Input = { projectId: string; page?: unknown; pageSize?: unknown };

/**
 * A project's files, newest first, paginated, in one round trip. Staff see every
 * file with its visibility; a client sees only the files marked visible on
 * their own company's projects, without staff-only fields.
 */
export async function listProjectFiles(opts: Scope & { actor: StaffActor; input: Input }): Promise<ProjectFiles<StaffFile>>;
export async function listProjectFiles(opts: Scope & { actor: ClientActor; input: Input }): Promise<ProjectFiles<ClientFile>>;
export async function listProjectFiles(opts: Scope & { input: Input }): Promise<ProjectFiles<StaffFile> | ProjectFiles<ClientFile>>;
export async function listProjectFiles(opts: Scope & { input: Input }): Promise<ProjectFiles<StaffFile> | ProjectFiles<ClientFile>> {
	const actor = requireMember(opts.actor);
	const db = opts.services.db;
	const req = pageFrom({ page: opts.input.page, pageSize: opts.input.pageSize });
	const { limit, offset } = limitOffset(req);
	const where = and(clientScope(files, opts), eq(files.projectId, opts.input.projectId), actor.kind === 'client' ? eq(files.clientVisible, true) : undefined);
	const projectQuery = db.select({ id: projects.id }).from(projects).where(and(clientScope(projects, opts), eq(projects.id, opts.input.projectId)));
	const countQuery = db.select({ n: sql<number>`count(*)` }).from(files).where(where);
	const order = [desc(files.createdAt), desc(files.id)] as const;

	if (actor.kind === 'client') {
		const [project, rows, count] = await db.batch([projectQuery, db.select(clientFileColumns).from(files).where(where).orderBy(...order).limit(limit).offset(offset), countQuery]);
		if (!project.length) throw notFound('That project');
		return { files: toPage(rows, req), total: count[0]?.n ?? 0 };
	}
	const [project, rows, count] = await db.batch([
		projectQuery,
		db.select(staffFileColumns).from(files).leftJoin(users, eq(users.id, files.uploadedByUserId)).where(where).orderBy(...order).limit(limit).offset(offset),
		countQuery
	]);
	if (!project.length) throw notFound('That project');
	return { files: toPage(rows, req), total: count[0]?.n ?? 0 };
}
