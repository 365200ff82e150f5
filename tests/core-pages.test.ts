import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clients, projects, tasks } from '../db/schema';
import { CORE } from '../worker/dev/seed';
import { DEMO, emailsTo, hosts, inDays, request, seed, sessionCookie, testServices } from './helpers';

const staff = async (services: ReturnType<typeof testServices>) =>
	sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });

describe('dashboard forms without JavaScript', () => {
	it('shows a taken email next to its field and keeps what was typed', async () => {
		const services = await seed(testServices());
		const cookie = await staff(services);
		const res = await request(hosts.dashboard, '/clients/new', {
			cookie,
			form: {
				name: 'Typed Name Ltd',
				website: 'typed.example',
				contactName: 'Tia Typed',
				contactEmail: DEMO.caseyEmail
			}
		});
		expect(res.status).toBe(409);
		const html = await res.text();
		expect(html).toMatch(
			/<input[^>]*id="contactEmail"[^>]*aria-invalid="true"[^>]*aria-describedby="contactEmail-error"/
		);
		expect(html).toContain(
			'id="contactEmail-error">Casey Client at Northwind Traders already uses this email address.'
		);
		expect(html).toContain('value="Typed Name Ltd"');
		expect(html).toContain('value="Tia Typed"');
		expect(await services.db.select().from(clients).where(eq(clients.name, 'Typed Name Ltd'))).toEqual([]);
	});

	it('refuses a due date before the start date next to the field, keeping the other values', async () => {
		const services = await seed(testServices());
		const cookie = await staff(services);
		const res = await request(hosts.dashboard, '/projects/new', {
			cookie,
			form: {
				clientId: DEMO.northwindId,
				name: 'Backwards',
				status: 'active',
				startDate: inDays(150),
				dueDate: inDays(120)
			}
		});
		expect(res.status).toBe(422);
		const html = await res.text();
		expect(html).toContain(`id="dueDate-error">The due date can't be before the start date.`);
		expect(html).toContain('value="Backwards"');
		expect(html).toContain(`value="${inDays(150)}"`);
		expect(html).toMatch(/<option value="cli_demo_northwind" selected/);
		expect(await services.db.select().from(projects).where(eq(projects.name, 'Backwards'))).toEqual([]);
	});

	it('creates a project and lands on its board', async () => {
		const services = await seed(testServices());
		const cookie = await staff(services);
		const res = await request(hosts.dashboard, '/projects/new', {
			cookie,
			form: {
				clientId: CORE.harborId,
				name: 'Loyalty cards',
				status: 'active',
				description: '',
				startDate: '',
				dueDate: ''
			}
		});
		expect(res.status).toBe(303);
		const [row] = await services.db.select().from(projects).where(eq(projects.name, 'Loyalty cards'));
		expect(res.headers.get('location')).toBe(`/projects/${row.id}`);
		const board = await request(hosts.dashboard, `/projects/${row.id}`, { cookie });
		const html = await board.text();
		expect(html).toContain('0% complete');
		expect(html).toContain('Tasks In Query are waiting on an answer');
	});

	it('moves a task with its “Move” menu (plain form posts) and keeps its place when moving up and down', async () => {
		const services = await seed(testServices());
		const cookie = await staff(services);
		const path = `/projects/${DEMO.websiteProjectId}?/move`;
		const res = await request(hosts.dashboard, path, { cookie, form: { taskId: 'tsk_demo_w6', status: 'in_review' } });
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Moved “Contact form integration” to In Review.');
		const column = async () =>
			(
				await services.db
					.select({ id: tasks.id, p: tasks.position })
					.from(tasks)
					.where(and(eq(tasks.projectId, DEMO.websiteProjectId), eq(tasks.status, 'in_review')))
			)
				.sort((a, b) => a.p - b.p)
				.map((t) => t.id);
		expect(await column()).toEqual(['tsk_demo_w3', 'tsk_demo_w6']);
		await request(hosts.dashboard, path, { cookie, form: { taskId: 'tsk_demo_w6', status: 'in_review', index: '0' } });
		expect(await column()).toEqual(['tsk_demo_w6', 'tsk_demo_w3']);
	});

	it('adds a task; an empty title is refused next to the field', async () => {
		const services = await seed(testServices());
		const cookie = await staff(services);
		const bad = await request(hosts.dashboard, `/projects/${DEMO.websiteProjectId}?/createTask`, {
			cookie,
			form: { title: '', status: 'todo', dueDate: inDays(30) }
		});
		expect(bad.status).toBe(422);
		const html = await bad.text();
		expect(html).toContain(`id="task-title-error">Enter the task's title.`);
		expect(html).toContain(`value="${inDays(30)}"`);
		const ok = await request(hosts.dashboard, `/projects/${DEMO.websiteProjectId}?/createTask`, {
			cookie,
			form: { title: 'Accessibility review', status: 'todo', assigneeUserId: DEMO.memberUserId }
		});
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('Added “Accessibility review”.');
	});

	it('invites a contact from the client page and shows when', async () => {
		const services = await seed(testServices());
		const cookie = await staff(services);
		const res = await request(hosts.dashboard, `/clients/${CORE.harborId}?/invite`, {
			cookie,
			form: { contactId: CORE.marinaContactId, requestId: 'r1' }
		});
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Invitation sent to marina@blueharbor.test');
		expect(html).toContain('Last invited');
		expect(await emailsTo(services, 'marina@blueharbor.test')).toHaveLength(1);
	});
});

describe('portal project page', () => {
	it('shows the read-only board with completion, and nothing internal', async () => {
		const services = await seed(testServices());
		await services.db
			.update(tasks)
			.set({ description: 'INTERNAL: client is slow to reply' })
			.where(eq(tasks.id, 'tsk_demo_w5'));
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const res = await request(hosts.demo, `/projects/${DEMO.websiteProjectId}`, {
			cookie,
			headers: { accept: 'text/html' }
		});
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('28% complete');
		for (const column of ['To Do', 'In Progress', 'In Review', 'Complete', 'In Query'])
			expect(html).toContain(`<span>${column}</span>`);
		expect(html).toContain('Copy for About page');
		for (const secret of [
			'INTERNAL',
			'Max Member',
			'Olivia Owner',
			'member@demo.test',
			'Move to',
			'task-menu',
			'action="?/'
		])
			expect(html).not.toContain(secret);
		expect(html).not.toContain('<script'); // portal pages are server-rendered only
	});

	it('lists the client’s projects with completion on the home page', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const html = await (await request(hosts.demo, '/', { cookie, headers: { accept: 'text/html' } })).text();
		expect(html).toContain('Website redesign');
		expect(html).toContain('28% complete · 2 of 7 tasks');
		expect(html).toContain('SEO audit');
		expect(html).not.toContain('Globex');
		expect(html).not.toContain('Intranet migration');
	});
});
