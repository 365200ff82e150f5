import { projects, tasks, type TaskStatus } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import type { SeedContext } from './context';
import { ACME, DEMO } from './ids';

const day = 24 * 60 * 60 * 1000;

export function seedProjects({ db, now, isoDay }: SeedContext) {
	const task = (
		id: string,
		projectId: string,
		clientId: string,
		workspaceId: string,
		title: string,
		status: TaskStatus,
		position: number,
		dueInDays?: number,
		assigneeUserId: string | null = null
	) => ({
		id,
		workspaceId,
		clientId,
		projectId,
		title,
		status,
		position,
		assigneeUserId,
		dueDate: dueInDays === undefined ? null : isoDay(now + dueInDays * day),
		completedAt: status === 'complete' ? now - day : null,
		createdAt: now,
		updatedAt: now
	});
	const w = DEMO.websiteProjectId;
	const n = DEMO.northwindId;
	const d = DEMO.workspaceId;
	return [
		...insertChunks(db, projects, [
			{
				id: w,
				workspaceId: d,
				clientId: n,
				name: 'Website redesign',
				description: 'A new marketing site: research, design, build and launch.',
				status: 'active',
				startDate: isoDay(now - 30 * day),
				dueDate: isoDay(now + 45 * day),
				createdByUserId: DEMO.ownerUserId,
				createdAt: now - 30 * day,
				updatedAt: now
			},
			{
				id: DEMO.brandProjectId,
				workspaceId: d,
				clientId: n,
				name: 'Brand refresh',
				description: 'Logo, colours and a short brand guide.',
				status: 'complete',
				startDate: isoDay(now - 120 * day),
				dueDate: isoDay(now - 40 * day),
				completedAt: now - 40 * day,
				createdByUserId: DEMO.ownerUserId,
				createdAt: now - 120 * day,
				updatedAt: now - 40 * day
			},
			{
				id: DEMO.globexProjectId,
				workspaceId: d,
				clientId: DEMO.globexId,
				name: 'Globex mobile app',
				description: 'Confidential: Globex only.',
				status: 'active',
				startDate: isoDay(now - 10 * day),
				dueDate: isoDay(now + 90 * day),
				createdByUserId: DEMO.ownerUserId,
				createdAt: now - 10 * day,
				updatedAt: now
			},
			{
				id: ACME.projectId,
				workspaceId: ACME.workspaceId,
				clientId: ACME.roadrunnerId,
				name: 'Route planner',
				description: 'Acme workspace project.',
				status: 'active',
				startDate: isoDay(now - 5 * day),
				dueDate: isoDay(now + 60 * day),
				createdByUserId: ACME.ownerUserId,
				createdAt: now - 5 * day,
				updatedAt: now
			}
		]),
		...insertChunks(db, tasks, [
			task('tsk_demo_w1', w, n, d, 'Kick-off workshop', 'complete', 1, undefined, DEMO.ownerUserId),
			task('tsk_demo_w2', w, n, d, 'Sitemap and content plan', 'complete', 2, undefined, DEMO.memberUserId),
			task('tsk_demo_w3', w, n, d, 'Homepage design', 'in_review', 1, 3, DEMO.ownerUserId),
			task('tsk_demo_w4', w, n, d, 'Build page templates', 'in_progress', 1, 10, DEMO.memberUserId),
			task('tsk_demo_w5', w, n, d, 'Copy for About page', 'in_query', 1, 5, DEMO.ownerUserId),
			task('tsk_demo_w6', w, n, d, 'Contact form integration', 'todo', 1, 20, DEMO.memberUserId),
			task('tsk_demo_w7', w, n, d, 'Launch checklist', 'todo', 2, 44),
			task('tsk_demo_b1', DEMO.brandProjectId, n, d, 'Logo concepts', 'complete', 1),
			task('tsk_demo_b2', DEMO.brandProjectId, n, d, 'Brand guide', 'complete', 2),
			task(
				'tsk_demo_g1',
				DEMO.globexProjectId,
				DEMO.globexId,
				d,
				'Secret Globex feature',
				'in_progress',
				1,
				14,
				DEMO.memberUserId
			),
			task(
				'tsk_acme_1',
				ACME.projectId,
				ACME.roadrunnerId,
				ACME.workspaceId,
				'Map the routes',
				'todo',
				1,
				7,
				ACME.ownerUserId
			)
		])
	];
}
