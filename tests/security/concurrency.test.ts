import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, emailLog, leads, messages, projects, quotes, threadNotifications } from '../../db/schema';
import { CORE, SETTINGS_DEMO, THREADS } from '../../worker/dev/seed/ids';
import { sentQuote } from '../../worker/domain/quotes/testing';
import { INTAKE_LIMIT_PER_IP } from '../../worker/domain/intake/submit-intake-form';
import { DEMO, hosts, request, requestSettled, scopes, seed, sessionCookie, testServices } from '../helpers';
import { messageCount, openThreadSocket, ready } from '../thread-sockets';

// Concurrency through the whole Worker: many requests at once, each effect
// exactly once, nothing lost. (More in the feature tests: 12 in-process quote
// accepts in accept-quote.test.ts, 10 concurrent webhook deliveries and the
// callback/webhook race in paystack-webhook.test.ts, 8 concurrent uses of one
// sign-in link in magic-link.test.ts, 10 concurrent invoice numbers in invoices.test.ts.)

describe('concurrent posts to one thread over HTTP', () => {
	it('stores every post once, even when each is retried at the same time, and every socket gets each once, in order', async () => {
		const services = await seed(testServices());
		const authors = {
			owner: {
				host: hosts.dashboard,
				cookie: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId })
			},
			member: {
				host: hosts.dashboard,
				cookie: await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId })
			},
			casey: { host: hosts.demo, cookie: await sessionCookie(services, { contactId: DEMO.caseyContactId }) },
			nina: { host: hosts.demo, cookie: await sessionCookie(services, { contactId: CORE.ninaContactId }) }
		};
		const existing = (
			await services.db.select({ seq: messages.seq }).from(messages).where(eq(messages.threadId, THREADS.contentId))
		).length;

		const staffSocket = (
			await openThreadSocket(hosts.dashboard, THREADS.contentId, { cookie: authors.owner.cookie, after: existing })
		).socket!;
		const clientSocket = (
			await openThreadSocket(hosts.demo, THREADS.contentId, { cookie: authors.nina.cookie, after: existing })
		).socket!;
		await Promise.all([staffSocket.until(ready), clientSocket.until(ready)]);

		const PER_AUTHOR = 6;
		const sends = Object.entries(authors)
			.flatMap(([name, a]) =>
				Array.from({ length: PER_AUTHOR }, (_, i) => {
					const json = { body: `${name} ${i}`, clientMsgId: `retry-${name}-${i}` };
					const post = () => request(a.host, `/api/threads/${THREADS.contentId}/messages`, { cookie: a.cookie, json });
					return [post(), post()]; // the original and a retry racing it
				})
			)
			.flat();
		const responses = await Promise.all(sends);
		const total = Object.keys(authors).length * PER_AUTHOR;
		for (const res of responses) expect([200, 201]).toContain(res.status);

		const stored = await services.db
			.select({ seq: messages.seq, body: messages.body })
			.from(messages)
			.where(eq(messages.threadId, THREADS.contentId))
			.orderBy(asc(messages.seq));
		expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: existing + total }, (_, i) => i + 1));
		const bodies = stored.slice(existing).map((m) => m.body);
		expect(new Set(bodies).size).toBe(total);
		for (const name of Object.keys(authors))
			for (let i = 0; i < PER_AUTHOR; i++) expect(bodies).toContain(`${name} ${i}`);

		await Promise.all([staffSocket.until(messageCount(total)), clientSocket.until(messageCount(total))]);
		// Give a stray duplicate frame the chance to arrive before checking there is none.
		await new Promise((r) => setTimeout(r, 100));
		for (const socket of [staffSocket, clientSocket]) {
			expect(socket.messages().map((m) => m.seq)).toEqual(stored.slice(existing).map((m) => m.seq));
		}
		// The batched emails cover every message of the other side: no message is skipped.
		const notes = await services.db
			.select()
			.from(threadNotifications)
			.where(eq(threadNotifications.threadId, THREADS.contentId));
		const byAudience = Object.fromEntries(notes.map((n) => [n.audience, n]));
		const lastClientSeq = Math.max(...stored.filter((m) => /^(casey|nina) /.test(m.body)).map((m) => m.seq));
		const lastStaffSeq = Math.max(...stored.filter((m) => /^(owner|member) /.test(m.body)).map((m) => m.seq));
		expect(byAudience.staff?.uptoSeq).toBe(lastClientSeq);
		expect(byAudience.client?.uptoSeq).toBe(lastStaffSeq);
	});
});

describe('racing decisions', () => {
	it('accepts and declines of one quote racing over HTTP: exactly one wins, the rest are refused cleanly', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const nina = await sessionCookie(services, { contactId: CORE.ninaContactId });
		const attempts = Array.from({ length: 8 }, (_, i) =>
			request(hosts.demo, `/api/quotes/${id}/${i % 2 ? 'decline' : 'accept'}`, {
				cookie: i % 4 < 2 ? casey : nina,
				json: i % 2 ? { version: 1, reason: 'No' } : { confirm: true, version: 1 }
			})
		);
		const statuses = (await Promise.all(attempts)).map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(1);
		expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
		const quote = (await services.db.select().from(quotes).where(eq(quotes.id, id)).get())!;
		const created = await services.db.select().from(projects).where(eq(projects.quoteId, id));
		if (quote.status === 'accepted') {
			expect(created).toHaveLength(1);
			expect(quote.projectId).toBe(created[0].id);
		} else {
			expect(quote.status).toBe('declined');
			expect(created).toEqual([]);
			expect(quote.projectId).toBeNull();
		}
	});

	it('a double-clicked invite (same request id, at the same time) sends one email and logs one entry', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const invitedEntries = () =>
			services.db
				.select()
				.from(activity)
				.where(and(eq(activity.verb, 'contact.invited'), eq(activity.subjectId, CORE.ninaContactId)));
		const entriesBefore = (await invitedEntries()).length;
		const clicks = await Promise.all(
			Array.from({ length: 5 }, () =>
				request(hosts.dashboard, `/api/clients/${DEMO.northwindId}/contacts/${CORE.ninaContactId}/invite`, {
					cookie: staff,
					json: { requestId: 'click-1' }
				})
			)
		);
		expect(clicks.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
		const statuses = await Promise.all(clicks.map(async (r) => ((await r.json()) as { status: string }).status));
		expect(statuses.filter((s) => s === 'sent')).toHaveLength(1);
		expect(
			await services.db
				.select()
				.from(emailLog)
				.where(and(eq(emailLog.to, CORE.ninaEmail), eq(emailLog.tag, 'invite')))
		).toHaveLength(1);
		expect((await invitedEntries()).length - entriesBefore).toBe(1);
	});
});

describe('rate limits hold under a burst', () => {
	it('a burst of sign-in link requests for one address answers every one and sends exactly the limit', async () => {
		const services = await seed(testServices());
		const burst = await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				requestSettled(hosts.demo, '/api/auth/login-link', {
					json: { email: DEMO.caseyEmail },
					headers: { 'cf-connecting-ip': `192.0.2.${i + 1}` }
				})
			)
		);
		expect(burst.map((r) => r.status)).toEqual(Array(12).fill(202));
		expect(
			await services.db
				.select()
				.from(emailLog)
				.where(and(eq(emailLog.to, DEMO.caseyEmail), eq(emailLog.tag, 'login')))
		).toHaveLength(5);
	});

	it('a burst of intake submissions from one IP stores exactly the limit', async () => {
		const services = await seed(testServices());
		const before = (await services.db.select({ id: leads.id }).from(leads)).length;
		const burst = await Promise.all(
			Array.from({ length: INTAKE_LIMIT_PER_IP + 5 }, (_, i) =>
				requestSettled(hosts.demo, `/api/public/forms/${SETTINGS_DEMO.intakeFormSlug}`, {
					json: { name: `Burst ${i}`, email: `burst${i}@example.test`, f_service: 'Website', f_brief: 'Hello' },
					headers: { 'cf-connecting-ip': '203.0.113.200' }
				})
			)
		);
		const ok = burst.filter((r) => r.status < 300).length;
		expect(ok).toBe(INTAKE_LIMIT_PER_IP);
		expect(burst.filter((r) => r.status === 429)).toHaveLength(5);
		expect((await services.db.select({ id: leads.id }).from(leads)).length - before).toBe(INTAKE_LIMIT_PER_IP);
	});
});
