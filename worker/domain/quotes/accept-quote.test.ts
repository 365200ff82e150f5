import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, projects, quotes, tasks } from '../../../db/schema';
import {
	DEMO,
	emailsTo,
	eventually,
	fixedClock,
	hosts,
	request,
	scopes,
	seed,
	sessionCookie,
	testServices
} from '../../../tests/helpers';
import { listProjects } from '../projects/list-projects';
import { acceptQuote } from './accept-quote';
import { getQuote } from './get-quote';
import { requestQuoteChanges } from './request-quote-changes';
import { sentQuote } from './testing';

const day = 24 * 60 * 60 * 1000;

describe('accepting a quote', () => {
	it('creates the project with a task per line item, links both ways, and emails the staff', async () => {
		const services = await seed(testServices({ clock: fixedClock() }));
		const { demoOwner, casey } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		await expect(acceptQuote({ ...casey, quoteId: id, input: { version: 1 } })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { confirm: expect.any(String) }
		});
		const { projectId } = await acceptQuote({ ...casey, quoteId: id, input: { version: 1, confirm: 'on' } });
		await services.settle();

		const quote = await services.db.select().from(quotes).where(eq(quotes.id, id)).get();
		expect(quote).toMatchObject({ status: 'accepted', projectId, acceptedByContactId: DEMO.caseyContactId });
		const project = await services.db.select().from(projects).where(eq(projects.id, projectId)).get();
		expect(project).toMatchObject({
			name: 'Website refresh',
			clientId: DEMO.northwindId,
			workspaceId: DEMO.workspaceId,
			quoteId: id,
			status: 'active'
		});
		expect(project!.description).toContain('Payment: 50% upfront.');
		const taskRows = await services.db.select().from(tasks).where(eq(tasks.projectId, projectId));
		expect(taskRows.map((t) => [t.title, t.status, t.clientId]).sort()).toEqual([
			['Build', 'todo', DEMO.northwindId],
			['Design', 'todo', DEMO.northwindId]
		]);
		// The client sees the new project in their portal list.
		expect((await listProjects(casey)).map((p) => p.id)).toContain(projectId);
		const mails = await emailsTo(services, DEMO.ownerEmail);
		expect(mails[0].subject).toMatch(/Northwind Traders accepted Q-\d{4}: Website refresh/);
		expect(mails[0].text).toContain(`/projects/${projectId}`);
		const verbs = (
			await services.db.select({ verb: activity.verb }).from(activity).where(eq(activity.projectId, projectId))
		)
			.map((a) => a.verb)
			.sort();
		expect(verbs).toEqual(['project.created', 'quote.accepted']);
		await services.settle();
	});

	it('creates exactly one project when many accepts race (clicks, tabs, devices)', async () => {
		const services = await seed(testServices({ clock: fixedClock() }));
		const { demoOwner, casey } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		const before = (await services.db.select({ id: projects.id }).from(projects)).length;
		const results = await Promise.allSettled(
			Array.from({ length: 12 }, () => acceptQuote({ ...casey, quoteId: id, input: { version: 1, confirm: true } }))
		);
		const won = results.filter((r) => r.status === 'fulfilled');
		const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(11);
		for (const r of lost)
			expect(r.reason).toMatchObject({ code: 'conflict', message: 'This quote has already been accepted.' });
		const all = await services.db.select().from(projects);
		expect(all).toHaveLength(before + 1);
		const created = all.filter((p) => p.quoteId === id);
		expect(created).toHaveLength(1);
		expect(await services.db.select().from(tasks).where(eq(tasks.projectId, created[0].id))).toHaveLength(2);
		expect(await services.db.select().from(activity).where(eq(activity.verb, 'quote.accepted'))).toHaveLength(1);
		await services.settle();
		expect((await emailsTo(services, DEMO.ownerEmail)).filter((m) => m.subject.includes('accepted'))).toHaveLength(1);
	});

	it('creates one project when accepts race through the HTTP API too', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const responses = await Promise.all(
			Array.from({ length: 6 }, () =>
				request(hosts.demo, `/api/quotes/${id}/accept`, { cookie, json: { confirm: true, version: 1 } })
			)
		);
		expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
		expect(await services.db.select().from(projects).where(eq(projects.quoteId, id))).toHaveLength(1);
		// The staff email goes out after the response.
		await eventually(async () =>
			expect((await emailsTo(services, DEMO.ownerEmail)).filter((m) => m.subject.includes('accepted'))).toHaveLength(1)
		);
	});

	it('refuses after the expiry date, says so, and marks the quote expired', async () => {
		const clock = fixedClock(Date.UTC(2026, 11, 31, 23, 59));
		const services = await seed(testServices({ clock }));
		const { demoOwner, casey } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId, { expiresOn: '2026-12-31' });
		const other = await sentQuote(demoOwner, DEMO.northwindId, { expiresOn: '2026-12-31' });
		// Still valid through the last day.
		await expect(
			acceptQuote({ ...casey, quoteId: other, input: { version: 1, confirm: true } })
		).resolves.toMatchObject({ projectId: expect.any(String) });
		clock.advance(day);
		const before = (await services.db.select().from(projects)).length;
		await expect(acceptQuote({ ...casey, quoteId: id, input: { version: 1, confirm: true } })).rejects.toMatchObject({
			code: 'gone',
			message: expect.stringContaining('expired on 31 Dec 2026')
		});
		expect((await services.db.select().from(projects)).length).toBe(before);
		expect((await services.db.select().from(quotes).where(eq(quotes.id, id)).get())!.status).toBe('expired');
		expect((await getQuote({ ...casey, quoteId: id })).quote.status).toBe('expired');
		await services.settle();
	});

	it('expiry is the end of the day in the workspace time zone', async () => {
		// 2027-01-01 03:00 UTC is still 31 Dec in New York.
		const services = await seed(testServices({ clock: fixedClock(Date.UTC(2027, 0, 1, 3)) }));
		const { demoOwner, casey } = await scopes(services);
		const ny = { ...demoOwner.workspace, timezone: 'America/New_York' };
		const id = await sentQuote({ ...demoOwner, workspace: ny }, DEMO.northwindId, { expiresOn: '2027-01-31' });
		await services.db.update(quotes).set({ expiresOn: '2026-12-31' }).where(eq(quotes.id, id));
		await expect(
			acceptQuote({ ...casey, workspace: ny, quoteId: id, input: { version: 1, confirm: true } })
		).resolves.toBeTruthy();
		await services.settle();
	});

	it('refuses a quote in changes requested, and a stale version', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		await expect(acceptQuote({ ...casey, quoteId: id, input: { version: 2, confirm: true } })).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringContaining('revised')
		});
		await requestQuoteChanges({ ...casey, quoteId: id, input: { body: 'cheaper please', version: 1 } });
		await expect(acceptQuote({ ...casey, quoteId: id, input: { version: 1, confirm: true } })).rejects.toMatchObject({
			code: 'conflict'
		});
		expect(await services.db.select().from(projects).where(eq(projects.quoteId, id))).toHaveLength(0);
		await services.settle();
	});

	it('only the client accepts: staff cannot accept for them', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		await expect(
			acceptQuote({ ...demoOwner, quoteId: id, input: { version: 1, confirm: true } })
		).rejects.toMatchObject({ code: 'forbidden' });
		await services.settle();
	});
});
