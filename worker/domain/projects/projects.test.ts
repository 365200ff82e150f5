import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, projects, tasks } from '../../../db/schema';
import { CORE } from '../../dev/seed';
import { ACME, DEMO, inDays, fixedClock, scopes, seed, testServices, type TestServices } from '../../../tests/helpers';
import { listProjectActivity } from '../activity/list-project-activity';
import { browseProjects } from './browse-projects';
import { createProject } from './create-project';
import { getPortalProject } from './get-portal-project';
import { getProjectBoard } from './get-project-board';
import { listPortalProjects } from './list-portal-projects';
import { updateProject } from './update-project';
import { workspaceOverview } from '../workspaces/overview';

async function projectCount(services: TestServices) {
	return (await services.db.get<{ n: number; a: number }>(
		sql`select (select count(*) from projects) as n, (select count(*) from activity) as a`
	))!;
}

const valid = {
	name: 'Shop launch',
	clientId: DEMO.northwindId,
	description: 'Go live.',
	status: 'active',
	startDate: inDays(10),
	dueDate: inDays(45)
};

describe('creating projects', () => {
	it('creates a project for a client of the workspace and logs it', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const { id } = await createProject({ ...demoOwner, input: valid });
		const row = await services.db.query.projects.findFirst({ where: eq(projects.id, id) });
		expect(row).toMatchObject({
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			name: 'Shop launch',
			status: 'active',
			startDate: inDays(10),
			dueDate: inDays(45),
			completedAt: null,
			createdByUserId: DEMO.ownerUserId
		});
		const [entry] = await services.db.select().from(activity).where(eq(activity.subjectId, id));
		expect(entry).toMatchObject({
			verb: 'project.created',
			projectId: id,
			clientId: DEMO.northwindId,
			summary: 'Olivia Owner created the project Shop launch for Northwind Traders'
		});
	});

	it('gives field messages for an empty name, dates out of order, an invalid status and no client, changing nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const before = await projectCount(services);
		await expect(
			createProject({
				...demoOwner,
				input: { ...valid, name: ' ', status: 'finished', startDate: inDays(60), dueDate: inDays(30), clientId: '' }
			})
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: {
				name: "Enter the project's name.",
				status: expect.stringContaining('Choose a status'),
				clientId: 'Choose a client.',
				dueDate: "The due date can't be before the start date."
			}
		});
		await expect(
			createProject({ ...demoOwner, input: { ...valid, startDate: inDays(60), dueDate: inDays(30) } })
		).rejects.toMatchObject({
			fields: { dueDate: "The due date can't be before the start date." }
		});
		await expect(createProject({ ...demoOwner, input: { ...valid, dueDate: '2027-02-30' } })).rejects.toMatchObject({
			fields: { dueDate: expect.stringContaining('Enter a date') }
		});
		expect(await projectCount(services)).toEqual(before);
	});

	it("refuses another workspace's client and archived clients as field errors", async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner } = await scopes(services);
		await expect(createProject({ ...acmeOwner, input: valid })).rejects.toMatchObject({
			fields: { clientId: 'Choose a client.' }
		});
		await expect(createProject({ ...demoOwner, input: { ...valid, clientId: CORE.oldMillId } })).rejects.toMatchObject({
			fields: { clientId: expect.stringContaining('archived') }
		});
		expect(
			(await services.db.select().from(projects).where(eq(projects.workspaceId, ACME.workspaceId))).map((p) => p.id)
		).toEqual([ACME.projectId]);
	});

	it('stamps completedAt when created complete', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner } = await scopes(services);
		const { id } = await createProject({ ...demoOwner, input: { ...valid, status: 'complete' } });
		expect((await services.db.query.projects.findFirst({ where: eq(projects.id, id) }))?.completedAt).toBe(clock.now());
	});
});

describe('editing projects', () => {
	it('changes only what is sent; entering Complete stamps completedAt and leaving clears it', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner } = await scopes(services);
		await updateProject({
			...demoOwner,
			projectId: DEMO.websiteProjectId,
			input: { status: 'complete', openTasks: 'keep' }
		});
		let row = await services.db.query.projects.findFirst({ where: eq(projects.id, DEMO.websiteProjectId) });
		expect(row).toMatchObject({ name: 'Website redesign', status: 'complete', completedAt: clock.now() });
		clock.advance(60_000);
		await updateProject({ ...demoOwner, projectId: DEMO.websiteProjectId, input: { name: 'Website relaunch' } });
		row = await services.db.query.projects.findFirst({ where: eq(projects.id, DEMO.websiteProjectId) });
		expect(row?.completedAt).toBe(clock.now() - 60_000);
		await updateProject({ ...demoOwner, projectId: DEMO.websiteProjectId, input: { status: 'on_hold' } });
		row = await services.db.query.projects.findFirst({ where: eq(projects.id, DEMO.websiteProjectId) });
		expect(row).toMatchObject({ name: 'Website relaunch', status: 'on_hold', completedAt: null });
		const verbs = (
			await services.db
				.select({ verb: activity.verb, summary: activity.summary })
				.from(activity)
				.where(eq(activity.subjectId, DEMO.websiteProjectId))
		).map((a) => a.summary);
		expect(verbs).toEqual(
			expect.arrayContaining([
				'Olivia Owner edited the project Website redesign: Active → Complete, keeping 5 tasks open',
				'Olivia Owner edited the project Website relaunch: Complete → On hold'
			])
		);
	});

	it('asks what to do with open tasks before marking a project Complete, then closes or keeps them', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const board = async (projectId: string) =>
			services.db
				.select({ id: tasks.id, status: tasks.status, position: tasks.position, completedAt: tasks.completedAt })
				.from(tasks)
				.where(eq(tasks.projectId, projectId))
				.orderBy(tasks.position);
		const before = await board(DEMO.websiteProjectId);
		const openIds = before.filter((t) => t.status !== 'complete').map((t) => t.id);
		expect(openIds.length).toBeGreaterThan(1);

		const asked = updateProject({ ...demoOwner, projectId: DEMO.websiteProjectId, input: { status: 'complete' } });
		await expect(asked).rejects.toMatchObject({
			code: 'validation_failed',
			fields: {
				openTasks: `${openIds.length} tasks are still open on this project. Close them as complete, or keep them open.`
			}
		});
		await expect(
			updateProject({
				...demoOwner,
				projectId: DEMO.websiteProjectId,
				input: { status: 'complete', openTasks: 'maybe' }
			})
		).rejects.toMatchObject({ fields: { openTasks: expect.stringContaining('Choose') } });
		expect(
			(await services.db.query.projects.findFirst({ where: eq(projects.id, DEMO.websiteProjectId) }))?.status
		).toBe('active');
		expect(await board(DEMO.websiteProjectId)).toEqual(before);

		expect(
			await updateProject({
				...demoOwner,
				projectId: DEMO.websiteProjectId,
				input: { status: 'complete', openTasks: 'close' }
			})
		).toEqual({ closedTasks: openIds.length });
		const after = await board(DEMO.websiteProjectId);
		expect(after.every((t) => t.status === 'complete' && t.completedAt !== null)).toBe(true);
		// Closed tasks land after the ones already complete, keeping their relative positions.
		const doneBefore = before.filter((t) => t.status === 'complete');
		const lastDone = Math.max(...doneBefore.map((t) => t.position));
		expect(after.slice(0, doneBefore.length).map((t) => t.id)).toEqual(doneBefore.map((t) => t.id));
		for (const id of openIds) {
			const was = before.find((t) => t.id === id)!;
			expect(after.find((t) => t.id === id)!.position).toBe(lastDone + was.position);
		}
		const [entry] = await services.db
			.select()
			.from(activity)
			.where(and(eq(activity.verb, 'project.status_changed'), eq(activity.subjectId, DEMO.websiteProjectId)));
		expect(entry.summary).toBe(
			`Olivia Owner edited the project Website redesign: Active → Complete, closing ${openIds.length} open tasks`
		);

		// Keeping them: the project completes, the tasks stay where they are. No tasks open: no question.
		const intranet = await board(CORE.intranetProjectId);
		await updateProject({
			...demoOwner,
			projectId: CORE.intranetProjectId,
			input: { status: 'complete', openTasks: 'keep' }
		});
		expect(
			(await services.db.query.projects.findFirst({ where: eq(projects.id, CORE.intranetProjectId) }))?.status
		).toBe('complete');
		expect(await board(CORE.intranetProjectId)).toEqual(intranet);
		await updateProject({ ...demoOwner, projectId: DEMO.websiteProjectId, input: { status: 'active' } });
		await expect(
			updateProject({ ...demoOwner, projectId: DEMO.websiteProjectId, input: { status: 'complete' } })
		).resolves.toEqual({ closedTasks: 0 });
	});

	it('counts open and In Query tasks on the Overview only for active and on-hold projects', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const expected = async () =>
			(await services.db.get<{ open: number; query: number }>(
				sql`select sum(t.status != 'complete') as open, sum(t.status = 'in_query') as query from tasks t join projects p on p.id = t.project_id where t.workspace_id = ${DEMO.workspaceId} and p.status in ('active', 'on_hold')`
			))!;
		const first = await workspaceOverview(demoOwner);
		expect({ open: first.openTasks, query: first.inQueryTasks }).toEqual(await expected());
		// Leftover tasks on a completed project are not work in progress.
		await services.db.insert(tasks).values({
			id: 'tsk_left_over',
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			projectId: DEMO.brandProjectId,
			title: 'Left over',
			status: 'in_query',
			position: 99,
			createdAt: services.clock.now(),
			updatedAt: services.clock.now()
		});
		const second = await workspaceOverview(demoOwner);
		expect({ open: second.openTasks, query: second.inQueryTasks }).toEqual({
			open: first.openTasks,
			query: first.inQueryTasks
		});
		// Completing a project with open tasks (kept open) takes them off the Overview too.
		await updateProject({
			...demoOwner,
			projectId: CORE.intranetProjectId,
			input: { status: 'complete', openTasks: 'keep' }
		});
		const third = await workspaceOverview(demoOwner);
		expect(third.openTasks).toBeLessThan(second.openTasks);
		expect({ open: third.openTasks, query: third.inQueryTasks }).toEqual(await expected());
	});

	it('keeps dates in order against the stored values, and keeps the client', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const before = await services.db.query.projects.findFirst({ where: eq(projects.id, DEMO.websiteProjectId) });
		await expect(
			updateProject({ ...demoOwner, projectId: DEMO.websiteProjectId, input: { dueDate: '2000-01-01' } })
		).rejects.toMatchObject({ fields: { dueDate: "The due date can't be before the start date." } });
		await expect(
			updateProject({ ...demoOwner, projectId: DEMO.websiteProjectId, input: { clientId: DEMO.globexId } })
		).rejects.toMatchObject({ fields: { clientId: expect.stringContaining('stays with the client') } });
		await expect(
			updateProject({ ...demoOwner, projectId: DEMO.websiteProjectId, input: { status: 'done' } })
		).rejects.toMatchObject({ fields: { status: expect.any(String) } });
		expect(await services.db.query.projects.findFirst({ where: eq(projects.id, DEMO.websiteProjectId) })).toEqual(
			before
		);
	});

	it("is refused for another workspace's staff (not found), clients and visitors", async () => {
		const services = await seed(testServices());
		const { acmeOwner, casey, anonymousDemo } = await scopes(services);
		await expect(
			updateProject({ ...acmeOwner, projectId: DEMO.websiteProjectId, input: { name: 'X' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			updateProject({ ...casey, projectId: DEMO.websiteProjectId, input: { name: 'X' } })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			updateProject({ ...anonymousDemo, projectId: DEMO.websiteProjectId, input: { name: 'X' } })
		).rejects.toMatchObject({ code: 'unauthenticated' });
		await expect(createProject({ ...casey, input: valid })).rejects.toMatchObject({ code: 'forbidden' });
		expect((await services.db.query.projects.findFirst({ where: eq(projects.id, DEMO.websiteProjectId) }))?.name).toBe(
			'Website redesign'
		);
	});
});

describe('the project list', () => {
	it('filters by status, client and name, with completion %, a page at a time', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const all = await browseProjects({ ...demoOwner, input: {} });
		expect(all.page.items.map((p) => p.status)).toEqual([
			'active',
			'active',
			'active',
			'active',
			'on_hold',
			'complete',
			'cancelled'
		]);
		const website = all.page.items.find((p) => p.id === DEMO.websiteProjectId)!;
		expect(website).toMatchObject({ taskCount: 7, completeCount: 2, completion: 28, clientName: 'Northwind Traders' });
		expect((await browseProjects({ ...demoOwner, input: { status: 'on_hold' } })).page.items.map((p) => p.id)).toEqual([
			CORE.seoProjectId
		]);
		expect(
			(await browseProjects({ ...demoOwner, input: { client: DEMO.northwindId } })).page.items.map((p) => p.id).sort()
		).toEqual([DEMO.brandProjectId, CORE.seoProjectId, DEMO.websiteProjectId].sort());
		expect((await browseProjects({ ...demoOwner, input: { q: 'ORDER' } })).page.items.map((p) => p.id)).toEqual([
			CORE.orderingProjectId
		]);
		expect((await browseProjects({ ...demoOwner, input: { status: 'bogus' } })).filters.status).toBe('all');
		const first = await browseProjects({ ...demoOwner, input: { pageSize: '4' } });
		const second = await browseProjects({ ...demoOwner, input: { pageSize: '4', page: '2' } });
		expect(first.page.hasNext).toBe(true);
		expect(second.page.hasNext).toBe(false);
		expect(new Set([...first.page.items, ...second.page.items].map((p) => p.id)).size).toBe(7);
		expect(all.clients.map((c) => c.name)).toContain('Old Mill Press');
	});

	it("shows acme staff only acme's projects, even when filtering by a demo client", async () => {
		const services = await seed(testServices());
		const { acmeOwner } = await scopes(services);
		expect((await browseProjects({ ...acmeOwner, input: {} })).page.items.map((p) => p.id)).toEqual([ACME.projectId]);
		expect((await browseProjects({ ...acmeOwner, input: { client: DEMO.northwindId } })).page.items).toEqual([]);
	});
});

describe('the staff board', () => {
	it('puts tasks in five columns in order, with assignees, the team and completion', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const board = await getProjectBoard({ ...demoOwner, projectId: DEMO.websiteProjectId });
		expect(board.columns.map((c) => c.label)).toEqual(['To Do', 'In Progress', 'In Review', 'Complete', 'In Query']);
		expect(board.columns[0].tasks.map((t) => t.title)).toEqual(['Contact form integration', 'Launch checklist']);
		expect(board.columns[1].tasks[0].assignee).toEqual({ id: DEMO.memberUserId, name: 'Max Member' });
		expect(board.members.map((m) => m.name)).toEqual(['Max Member', 'Olivia Owner']);
		expect(board).toMatchObject({ completion: 28, completeCount: 2, taskCount: 7 });
		await expect(
			getProjectBoard({ ...(await scopes(services)).acmeOwner, projectId: DEMO.websiteProjectId })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});

describe('the portal', () => {
	it("lists only the client's own active, on-hold and completed projects", async () => {
		const services = await seed(testServices());
		const { casey, oscar, acmeClient } = await scopes(services);
		const mine = await listPortalProjects({ ...casey });
		expect(mine.items.map((p) => p.id)).toEqual([DEMO.websiteProjectId, CORE.seoProjectId, DEMO.brandProjectId]);
		expect(Object.keys(mine.items[0]).sort()).toEqual([
			'completeCount',
			'completion',
			'dueDate',
			'id',
			'name',
			'startDate',
			'status',
			'taskCount'
		]);
		expect((await listPortalProjects({ ...oscar })).items.map((p) => p.id)).toEqual([DEMO.globexProjectId]);
		expect((await listPortalProjects({ ...acmeClient })).items.map((p) => p.id)).toEqual([ACME.projectId]);
	});

	it('shows the read-only board with completion and nothing staff-only', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const view = await getPortalProject({ ...casey, projectId: DEMO.websiteProjectId });
		expect(view).toMatchObject({
			completion: 28,
			completeCount: 2,
			taskCount: 7,
			project: { name: 'Website redesign', status: 'active' }
		});
		expect(view.columns.map((c) => [c.label, c.tasks.length])).toEqual([
			['To Do', 2],
			['In Progress', 1],
			['In Review', 1],
			['Complete', 2],
			['In Query', 1]
		]);
		const json = JSON.stringify(view);
		for (const secret of [
			'assignee',
			'Max Member',
			'Olivia',
			'member@demo.test',
			'notes',
			'createdByUserId',
			'workspaceId',
			'position'
		])
			expect(json).not.toContain(secret);
		expect(Object.keys(view.columns[0].tasks[0]).sort()).toEqual(['dueDate', 'id', 'status', 'title']);
	});

	it("answers not found for another client's or workspace's project, and refuses staff and visitors", async () => {
		const services = await seed(testServices());
		const { casey, acmeClient, demoOwner, anonymousDemo } = await scopes(services);
		await expect(getPortalProject({ ...casey, projectId: DEMO.globexProjectId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(getPortalProject({ ...acmeClient, projectId: DEMO.websiteProjectId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(getPortalProject({ ...demoOwner, projectId: DEMO.websiteProjectId })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(getPortalProject({ ...anonymousDemo, projectId: DEMO.websiteProjectId })).rejects.toMatchObject({
			code: 'unauthenticated'
		});
		await expect(listPortalProjects({ ...demoOwner })).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('counts In Query as not complete, and updates with the board', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		await services.db.update(tasks).set({ status: 'in_query' }).where(eq(tasks.projectId, DEMO.websiteProjectId));
		expect((await getPortalProject({ ...casey, projectId: DEMO.websiteProjectId })).completion).toBe(0);
		await services.db.update(tasks).set({ status: 'complete' }).where(eq(tasks.projectId, DEMO.websiteProjectId));
		expect((await getPortalProject({ ...casey, projectId: DEMO.websiteProjectId })).completion).toBe(100);
	});
});

describe('project activity', () => {
	it('pages through one project’s feed, newest first, for staff of its workspace only', async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner, casey } = await scopes(services);
		const feed = await listProjectActivity({
			...demoOwner,
			projectId: DEMO.websiteProjectId,
			input: { pageSize: '2' }
		});
		expect(feed.items.map((a) => a.summary)).toEqual([
			expect.stringContaining('Homepage design'),
			expect.stringContaining('Copy for About page')
		]);
		expect(feed.hasNext).toBe(true);
		const rest = await listProjectActivity({
			...demoOwner,
			projectId: DEMO.websiteProjectId,
			input: { pageSize: '2', page: '2' }
		});
		expect(rest.items).toHaveLength(2);
		await expect(listProjectActivity({ ...acmeOwner, projectId: DEMO.websiteProjectId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(listProjectActivity({ ...casey, projectId: DEMO.websiteProjectId })).rejects.toMatchObject({
			code: 'forbidden'
		});
	});
});
