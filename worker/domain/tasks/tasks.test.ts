import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, tasks, type TaskStatus } from '../../../db/schema';
import { ACME, DEMO, inDays, fixedClock, scopes, seed, testServices, type TestServices } from '../../../tests/helpers';
import { createTask } from './create-task';
import { deleteTask } from './delete-task';
import { moveTask } from './move-task';
import { updateTask } from './update-task';

const W = DEMO.websiteProjectId;

async function column(services: TestServices, status: TaskStatus, projectId = W) {
	const rows = await services.db
		.select({ id: tasks.id, title: tasks.title })
		.from(tasks)
		.where(and(eq(tasks.projectId, projectId), eq(tasks.status, status)))
		.orderBy(asc(tasks.position), asc(tasks.createdAt), asc(tasks.id));
	return rows.map((r) => r.title);
}

async function snapshot(services: TestServices) {
	return services.db.all(
		sql`select id, status, position, title, assignee_user_id, due_date, updated_at from tasks order by id`
	);
}

describe('creating tasks', () => {
	it('adds a task at the bottom of its column, copying the project’s client, and logs it', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const { id } = await createTask({
			...demoOwner,
			projectId: W,
			input: { title: 'Cookie banner', assigneeUserId: DEMO.memberUserId, dueDate: inDays(21) }
		});
		expect(await column(services, 'todo')).toEqual(['Contact form integration', 'Launch checklist', 'Cookie banner']);
		const row = await services.db.query.tasks.findFirst({ where: eq(tasks.id, id) });
		expect(row).toMatchObject({
			clientId: DEMO.northwindId,
			workspaceId: DEMO.workspaceId,
			assigneeUserId: DEMO.memberUserId,
			dueDate: inDays(21),
			status: 'todo'
		});
		const [entry] = await services.db.select().from(activity).where(eq(activity.subjectId, id));
		expect(entry).toMatchObject({
			verb: 'task.created',
			projectId: W,
			summary: 'Olivia Owner added the task “Cookie banner” to To Do'
		});
	});

	it('puts tasks added at the same time both at the end', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await Promise.all(
			['One', 'Two', 'Three'].map((title) =>
				createTask({ ...demoOwner, projectId: W, input: { title, status: 'in_review' } })
			)
		);
		const positions = await services.db
			.select({ p: tasks.position })
			.from(tasks)
			.where(and(eq(tasks.projectId, W), eq(tasks.status, 'in_review')));
		expect(new Set(positions.map((r) => r.p)).size).toBe(4);
	});

	it('gives field messages for an empty title, a bad column, a bad date and an outsider assignee, changing nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const before = await snapshot(services);
		await expect(
			createTask({ ...demoOwner, projectId: W, input: { title: '  ', status: 'done', dueDate: 'tomorrow' } })
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: {
				title: "Enter the task's title.",
				status: expect.stringContaining('Choose a column'),
				dueDate: expect.stringContaining('Enter a date')
			}
		});
		await expect(
			createTask({ ...demoOwner, projectId: W, input: { title: 'Spy work', assigneeUserId: ACME.ownerUserId } })
		).rejects.toMatchObject({
			fields: { assigneeUserId: 'Choose someone from your team, or nobody.' }
		});
		expect(await snapshot(services)).toEqual(before);
	});

	it("can't add to another workspace's or client's project", async () => {
		const services = await seed(testServices());
		const { acmeOwner, casey, anonymousDemo } = await scopes(services);
		const before = await snapshot(services);
		await expect(createTask({ ...acmeOwner, projectId: W, input: { title: 'X' } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(createTask({ ...casey, projectId: W, input: { title: 'X' } })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(createTask({ ...anonymousDemo, projectId: W, input: { title: 'X' } })).rejects.toMatchObject({
			code: 'unauthenticated'
		});
		expect(await snapshot(services)).toEqual(before);
	});
});

describe('moving tasks', () => {
	it('moves a task to another column at a chosen place, stamps completion and logs the move', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner } = await scopes(services);
		await moveTask({ ...demoOwner, taskId: 'tsk_demo_w3', input: { status: 'complete', index: '1' } });
		expect(await column(services, 'complete')).toEqual([
			'Kick-off workshop',
			'Homepage design',
			'Sitemap and content plan'
		]);
		expect(await column(services, 'in_review')).toEqual([]);
		expect((await services.db.query.tasks.findFirst({ where: eq(tasks.id, 'tsk_demo_w3') }))?.completedAt).toBe(
			clock.now()
		);
		const entries = await services.db
			.select({ summary: activity.summary })
			.from(activity)
			.where(and(eq(activity.subjectId, 'tsk_demo_w3'), eq(activity.verb, 'task.moved')));
		expect(entries.map((e) => e.summary)).toContain('Olivia Owner moved “Homepage design” from In Review to Complete');
		await moveTask({ ...demoOwner, taskId: 'tsk_demo_w3', input: { status: 'in_query' } });
		expect(await column(services, 'in_query')).toEqual(['Copy for About page', 'Homepage design']);
		expect((await services.db.query.tasks.findFirst({ where: eq(tasks.id, 'tsk_demo_w3') }))?.completedAt).toBeNull();
	});

	it('reorders inside a column: up, down, top, and past the end', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await createTask({ ...demoOwner, projectId: W, input: { title: 'Third' } });
		expect(await column(services, 'todo')).toEqual(['Contact form integration', 'Launch checklist', 'Third']);
		const third = (await services.db.select({ id: tasks.id }).from(tasks).where(eq(tasks.title, 'Third')))[0].id;
		await moveTask({ ...demoOwner, taskId: third, input: { status: 'todo', index: 1 } });
		expect(await column(services, 'todo')).toEqual(['Contact form integration', 'Third', 'Launch checklist']);
		await moveTask({ ...demoOwner, taskId: third, input: { status: 'todo', index: 0 } });
		expect(await column(services, 'todo')).toEqual(['Third', 'Contact form integration', 'Launch checklist']);
		await moveTask({ ...demoOwner, taskId: 'tsk_demo_w6', input: { status: 'todo', index: 2 } });
		expect(await column(services, 'todo')).toEqual(['Third', 'Launch checklist', 'Contact form integration']);
		await moveTask({ ...demoOwner, taskId: third, input: { status: 'todo', index: 99 } });
		expect(await column(services, 'todo')).toEqual(['Launch checklist', 'Contact form integration', 'Third']);
		const verbs = (
			await services.db.select({ verb: activity.verb }).from(activity).where(eq(activity.verb, 'task.reordered'))
		).length;
		expect(verbs).toBe(4);
	});

	it('does nothing (and logs nothing) when the task is already there', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const before = await snapshot(services);
		await moveTask({ ...demoOwner, taskId: 'tsk_demo_w6', input: { status: 'todo', index: 0 } });
		expect(await snapshot(services)).toEqual(before);
		expect(await services.db.select().from(activity).where(eq(activity.subjectId, 'tsk_demo_w6'))).toEqual([]);
	});

	it('keeps a stable order after many moves into the same gap (renumbering when needed)', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const ids: string[] = [];
		for (let i = 0; i < 60; i++) {
			const { id } = await createTask({ ...demoOwner, projectId: W, input: { title: `T${i}`, status: 'in_review' } });
			await moveTask({ ...demoOwner, taskId: id, input: { status: 'in_review', index: 1 } });
			ids.push(id);
		}
		const order = await column(services, 'in_review');
		expect(order).toEqual(['Homepage design', ...ids.map((_, i) => `T${59 - i}`)]);
	});

	it('refuses a bad column or position with field messages, and other tenants with not found', async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner, casey, oscar } = await scopes(services);
		const before = await snapshot(services);
		await expect(moveTask({ ...demoOwner, taskId: 'tsk_demo_w6', input: { status: 'someday' } })).rejects.toMatchObject(
			{ fields: { status: expect.stringContaining('Choose a column') } }
		);
		await expect(
			moveTask({ ...demoOwner, taskId: 'tsk_demo_w6', input: { status: 'todo', index: -1 } })
		).rejects.toMatchObject({ fields: { index: 'Choose a position.' } });
		await expect(
			moveTask({ ...acmeOwner, taskId: 'tsk_demo_w6', input: { status: 'complete' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(moveTask({ ...demoOwner, taskId: 'tsk_acme_1', input: { status: 'complete' } })).rejects.toMatchObject(
			{ code: 'not_found' }
		);
		await expect(moveTask({ ...casey, taskId: 'tsk_demo_w6', input: { status: 'complete' } })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(moveTask({ ...oscar, taskId: 'tsk_demo_w6', input: { status: 'complete' } })).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(await snapshot(services)).toEqual(before);
	});
});

describe('editing and deleting tasks', () => {
	it('edits only what is sent; a new column puts it at the bottom', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await updateTask({
			...demoOwner,
			taskId: 'tsk_demo_w6',
			input: { title: 'Contact form + spam filter', assigneeUserId: '' }
		});
		let row = await services.db.query.tasks.findFirst({ where: eq(tasks.id, 'tsk_demo_w6') });
		expect(row).toMatchObject({
			title: 'Contact form + spam filter',
			assigneeUserId: null,
			status: 'todo',
			dueDate: expect.any(String)
		});
		await updateTask({
			...demoOwner,
			taskId: 'tsk_demo_w6',
			input: { status: 'complete', assigneeUserId: DEMO.ownerUserId }
		});
		row = await services.db.query.tasks.findFirst({ where: eq(tasks.id, 'tsk_demo_w6') });
		expect(row).toMatchObject({
			status: 'complete',
			assigneeUserId: DEMO.ownerUserId,
			completedAt: expect.any(Number)
		});
		expect(await column(services, 'complete')).toEqual([
			'Kick-off workshop',
			'Sitemap and content plan',
			'Contact form + spam filter'
		]);
		const summaries = (
			await services.db
				.select({ summary: activity.summary })
				.from(activity)
				.where(eq(activity.subjectId, 'tsk_demo_w6'))
		).map((a) => a.summary);
		expect(summaries).toContain(
			'Olivia Owner edited the task “Contact form + spam filter” and moved it from To Do to Complete'
		);
	});

	it('refuses an empty title and an assignee from another workspace, changing nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const before = await snapshot(services);
		await expect(updateTask({ ...demoOwner, taskId: 'tsk_demo_w6', input: { title: '' } })).rejects.toMatchObject({
			fields: { title: "Enter the task's title." }
		});
		await expect(
			updateTask({ ...demoOwner, taskId: 'tsk_demo_w6', input: { assigneeUserId: ACME.ownerUserId } })
		).rejects.toMatchObject({ fields: { assigneeUserId: expect.any(String) } });
		expect(await snapshot(services)).toEqual(before);
	});

	it('deletes a task, leaving a line in the feed; other tenants get not found', async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner, casey } = await scopes(services);
		await expect(deleteTask({ ...acmeOwner, taskId: 'tsk_demo_w7' })).rejects.toMatchObject({ code: 'not_found' });
		await expect(deleteTask({ ...casey, taskId: 'tsk_demo_w7' })).rejects.toMatchObject({ code: 'forbidden' });
		expect(await column(services, 'todo')).toContain('Launch checklist');
		await deleteTask({ ...demoOwner, taskId: 'tsk_demo_w7' });
		expect(await column(services, 'todo')).toEqual(['Contact form integration']);
		const [entry] = await services.db.select().from(activity).where(eq(activity.verb, 'task.deleted'));
		expect(entry).toMatchObject({ projectId: W, summary: 'Olivia Owner deleted the task “Launch checklist”' });
	});
});
