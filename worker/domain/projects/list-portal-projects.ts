import { requireClient } from '../actor';
import { limitOffset, pageFrom, toPage, type Page } from '../pagination';
import type { Scope } from '../scope';
import { projectSummaryQuery, withCompletion } from './list-projects';
import type { ProjectStatus } from '../../../db/schema';

export type PortalProjectSummary = {
	id: string;
	name: string;
	status: ProjectStatus;
	startDate: string | null;
	dueDate: string | null;
	taskCount: number;
	completeCount: number;
	completion: number;
};

/** Statuses a client sees on their portal; cancelled projects drop off the list. */
export const PORTAL_PROJECT_STATUSES: ProjectStatus[] = ['active', 'on_hold', 'complete'];

/** A project in the portal's shape (no client name, nothing staff-only). */
export const toPortalProject = (p: PortalProjectSummary): PortalProjectSummary => ({
	id: p.id,
	name: p.name,
	status: p.status,
	startDate: p.startDate,
	dueDate: p.dueDate,
	taskCount: p.taskCount,
	completeCount: p.completeCount,
	completion: p.completion
});

/** The signed-in client's projects, open ones first, a page at a time, in the portal's shape. */
export async function listPortalProjects(
	opts: Scope & { input?: URLSearchParams | Record<string, unknown> }
): Promise<Page<PortalProjectSummary>> {
	requireClient(opts.actor);
	const pageRequest = pageFrom(opts.input, 24);
	const rows = withCompletion(
		await projectSummaryQuery({ ...opts, ...limitOffset(pageRequest), statuses: PORTAL_PROJECT_STATUSES })
	);
	return toPage(rows.map(toPortalProject), pageRequest);
}
