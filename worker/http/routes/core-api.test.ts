import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tasks } from '../../../db/schema';
import { CORE } from '../../dev/seed';
import {
	ACME,
	DEMO,
	emailsTo,
	hosts,
	inDays,
	request,
	seed,
	sessionCookie,
	testServices
} from '../../../tests/helpers';

async function cookies(services: ReturnType<typeof testServices>) {
	return {
		owner: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId }),
		acmeOwner: await sessionCookie(services, { userId: ACME.ownerUserId, workspaceId: ACME.workspaceId }),
		casey: await sessionCookie(services, { contactId: DEMO.caseyContactId })
	};
}

describe('completing a project over the API', () => {
	it('answers 422 on openTasks while tasks are open, and closes them when asked', async () => {
		const services = await seed(testServices());
		const { owner } = await cookies(services);
		const asked = await request(hosts.dashboard, `/api/projects/${CORE.seoProjectId}`, {
			method: 'PATCH',
			cookie: owner,
			json: { status: 'complete' }
		});
		expect(asked.status).toBe(422);
		expect(await asked.json()).toMatchObject({
			error: { code: 'validation_failed', fields: { openTasks: expect.stringContaining('1 task is still open') } }
		});
		const done = await request(hosts.dashboard, `/api/projects/${CORE.seoProjectId}`, {
			method: 'PATCH',
			cookie: owner,
			json: { status: 'complete', openTasks: 'close' }
		});
		expect(await done.json()).toEqual({ ok: true, closedTasks: 1 });
		const left = await services.db
			.select({ status: tasks.status })
			.from(tasks)
			.where(eq(tasks.projectId, CORE.seoProjectId));
		expect(left.map((t) => t.status)).toEqual(['complete', 'complete']);
	});
});

describe('clients API', () => {
	it('lets staff create, find and edit a client, with per-field errors in the one error shape', async () => {
		const services = await seed(testServices());
		const { owner } = await cookies(services);
		const bad = await request(hosts.dashboard, '/api/clients', {
			cookie: owner,
			json: { name: '', contactName: 'A', contactEmail: DEMO.oscarEmail }
		});
		expect(bad.status).toBe(422);
		expect(await bad.json()).toEqual({
			error: { code: 'validation_failed', message: expect.any(String), fields: { name: "Enter the client's name." } }
		});
		const taken = await request(hosts.dashboard, '/api/clients', {
			cookie: owner,
			json: { name: 'Dup', contactName: 'A', contactEmail: DEMO.oscarEmail }
		});
		expect(taken.status).toBe(409);
		expect(await taken.json()).toMatchObject({
			error: { code: 'conflict', fields: { contactEmail: expect.stringContaining('Oscar Other') } }
		});

		const created = await request(hosts.dashboard, '/api/clients', {
			cookie: owner,
			json: { name: 'Vandelay Industries', contactName: 'Art', contactEmail: 'art@vandelay.test' }
		});
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: string };
		const list = (await (await request(hosts.dashboard, '/api/clients?q=vandelay', { cookie: owner })).json()) as {
			page: { items: { id: string }[] };
		};
		expect(list.page.items.map((c) => c.id)).toEqual([id]);
		const patched = await request(hosts.dashboard, `/api/clients/${id}`, {
			method: 'PATCH',
			cookie: owner,
			json: { phone: '+1 555 0199' }
		});
		expect(patched.status).toBe(200);
		const overview = (await (await request(hosts.dashboard, `/api/clients/${id}`, { cookie: owner })).json()) as {
			client: { phone: string; name: string };
			contacts: { email: string }[];
		};
		expect(overview.client).toMatchObject({ name: 'Vandelay Industries', phone: '+1 555 0199' });
		expect(overview.contacts.map((c) => c.email)).toEqual(['art@vandelay.test']);
	});

	it('invites a contact: one email per request, and the retried request with the same id sends none', async () => {
		const services = await seed(testServices());
		const { owner } = await cookies(services);
		const path = `/api/clients/${CORE.harborId}/contacts/${CORE.marinaContactId}/invite`;
		expect((await request(hosts.dashboard, path, { method: 'POST', cookie: owner })).status).toBe(200);
		expect(await emailsTo(services, 'marina@blueharbor.test')).toHaveLength(1);
		const again = await request(hosts.dashboard, path, { cookie: owner, json: { requestId: 'abc' } });
		expect(await again.json()).toMatchObject({ status: 'sent' });
		const retried = await request(hosts.dashboard, path, { cookie: owner, json: { requestId: 'abc' } });
		expect(await retried.json()).toMatchObject({ status: 'duplicate' });
		expect(await emailsTo(services, 'marina@blueharbor.test')).toHaveLength(2);
	});

	it('refuses clients (403), visitors (401) and other workspaces (404)', async () => {
		const services = await seed(testServices());
		const { acmeOwner, casey } = await cookies(services);
		expect((await request(hosts.demo, '/api/clients', { cookie: casey })).status).toBe(403);
		expect((await request(hosts.dashboard, '/api/clients')).status).toBe(401);
		expect((await request(hosts.dashboard, `/api/clients/${DEMO.northwindId}`, { cookie: acmeOwner })).status).toBe(
			404
		);
	});
});

describe('projects and tasks API', () => {
	it('creates a project and tasks, moves one, and the client sees the board in the portal shape', async () => {
		const services = await seed(testServices());
		const { owner, casey } = await cookies(services);
		const badDates = await request(hosts.dashboard, '/api/projects', {
			cookie: owner,
			json: { name: 'App', clientId: DEMO.northwindId, startDate: inDays(90), dueDate: inDays(30) }
		});
		expect(badDates.status).toBe(422);
		expect(await badDates.json()).toMatchObject({
			error: { fields: { dueDate: "The due date can't be before the start date." } }
		});

		const created = await request(hosts.dashboard, '/api/projects', {
			cookie: owner,
			json: { name: 'Mobile app', clientId: DEMO.northwindId, dueDate: inDays(200) }
		});
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: string };
		const ids: string[] = [];
		for (const title of ['Wireframes', 'Prototype', 'User testing']) {
			const res = await request(hosts.dashboard, `/api/projects/${id}/tasks`, {
				cookie: owner,
				json: { title, assigneeUserId: DEMO.memberUserId, description: 'internal detail' }
			});
			expect(res.status).toBe(201);
			ids.push(((await res.json()) as { id: string }).id);
		}
		const moved = await request(hosts.dashboard, `/api/tasks/${ids[0]}/move`, {
			cookie: owner,
			json: { status: 'complete' }
		});
		expect(await moved.json()).toEqual({ projectId: id, status: 'complete' });
		expect(
			(
				await request(hosts.dashboard, `/api/tasks/${ids[2]}`, {
					method: 'PATCH',
					cookie: owner,
					json: { status: 'in_query' }
				})
			).status
		).toBe(200);

		const portal = await request(hosts.demo, `/api/projects/${id}/tasks`, { cookie: casey });
		expect(portal.status).toBe(200);
		const board = (await portal.json()) as {
			completion: number;
			columns: { label: string; tasks: { title: string }[] }[];
		};
		expect(board.completion).toBe(33);
		expect(board.columns.map((c) => [c.label, c.tasks.map((t) => t.title)])).toEqual([
			['To Do', ['Prototype']],
			['In Progress', []],
			['In Review', []],
			['Complete', ['Wireframes']],
			['In Query', ['User testing']]
		]);
		const text = JSON.stringify(board);
		expect(text).not.toContain('internal detail');
		expect(text).not.toContain(DEMO.memberUserId);
		const list = (await (await request(hosts.demo, '/api/projects', { cookie: casey })).json()) as {
			items: { id: string }[];
		};
		expect(list.items.map((p) => p.id)).toContain(id);

		expect((await request(hosts.dashboard, `/api/tasks/${ids[1]}`, { method: 'DELETE', cookie: owner })).status).toBe(
			200
		);
		expect(await services.db.query.tasks.findFirst({ where: eq(tasks.id, ids[1]) })).toBeUndefined();
	});

	it('keeps a client to their own projects and out of staff actions', async () => {
		const services = await seed(testServices());
		const { casey, acmeOwner } = await cookies(services);
		const list = (await (await request(hosts.demo, '/api/projects', { cookie: casey })).json()) as {
			items: { id: string }[];
		};
		expect(list.items.map((p) => p.id)).not.toContain(DEMO.globexProjectId);
		expect((await request(hosts.demo, `/api/projects/${DEMO.globexProjectId}`, { cookie: casey })).status).toBe(404);
		expect((await request(hosts.demo, `/api/projects/${DEMO.globexProjectId}/tasks`, { cookie: casey })).status).toBe(
			404
		);
		expect(
			(
				await request(hosts.demo, `/api/projects/${DEMO.websiteProjectId}/tasks`, {
					cookie: casey,
					json: { title: 'Mine now' }
				})
			).status
		).toBe(403);
		expect(
			(await request(hosts.demo, '/api/tasks/tsk_demo_w3/move', { cookie: casey, json: { status: 'complete' } })).status
		).toBe(403);
		expect((await request(hosts.demo, `/api/projects/${DEMO.websiteProjectId}`)).status).toBe(401);
		expect(
			(
				await request(hosts.dashboard, '/api/tasks/tsk_demo_w3', {
					method: 'PATCH',
					cookie: acmeOwner,
					json: { title: 'Pwned' }
				})
			).status
		).toBe(404);
		expect((await services.db.query.tasks.findFirst({ where: eq(tasks.id, 'tsk_demo_w3') }))?.title).toBe(
			'Homepage design'
		);
	});
});
