import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	feedbackRequests,
	feedbackResponses,
	invoices,
	messages,
	quotes,
	tasks,
	threads,
	workspaces,
	contracts
} from '../../../db/schema';
import { CONTRACTS, INVOICES, QUOTES, THREADS } from '../../dev/seed/ids';
import {
	ACME,
	DAY_MS,
	DEMO,
	fixedClock,
	hosts,
	request,
	scopes,
	seed,
	sessionCookie,
	testClock,
	testServices,
	type TestServices
} from '../../../tests/helpers';
import { addDays, todayIn } from '../calendar';
import { readMarkerUpsert } from '../threads/mark-thread-read';
import { loadRequestContext } from '../workspaces/load-request-context';
import { resolveHost } from '../workspaces/resolve-host';
import { getPortalHome } from '../projects/get-portal-home';
import type { Scope } from '../scope';

/** The navigation's counts for a contact, as the portal's request context reads them. */
async function countsFor(services: TestServices, contactId: string, host = hosts.demo) {
	const cookie = (await sessionCookie(services, { contactId })).split('=')[1];
	const context = await loadRequestContext({
		services,
		host: resolveHost(host.split(':')[0], services.config),
		sessionCookie: cookie,
		ip: null,
		withAttention: true
	});
	return context.attention;
}

const kinds = (items: { kind: string }[]) =>
	items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.kind]: (acc[i.kind] ?? 0) + 1 }), {});

describe('needs your attention (portal home and navigation)', () => {
	it("lists Northwind's quotes to answer, contracts to sign, invoices to pay, tasks In Query and unread threads, newest first, each a link", async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const { attention } = await getPortalHome({ ...casey });
		const byId = new Map(attention.map((i) => [i.id, i]));
		expect(byId.get(QUOTES.sent)).toMatchObject({ kind: 'quote', href: `/quotes/${QUOTES.sent}` });
		expect(byId.get(QUOTES.viewed)).toMatchObject({ kind: 'quote' });
		// Waiting on staff, answered or expired: nothing for the client to do.
		for (const id of [QUOTES.changesRequested, QUOTES.accepted, QUOTES.expired, QUOTES.draft, QUOTES.globexSent])
			expect(byId.has(id), id).toBe(false);
		expect(byId.get(CONTRACTS.sent)).toMatchObject({ kind: 'contract', href: `/contracts/${CONTRACTS.sent}` });
		expect(byId.has(CONTRACTS.signed)).toBe(false);
		for (const id of [INVOICES.sentId, INVOICES.partialId, INVOICES.overdueId]) {
			const invoice = (await services.db.select().from(invoices).where(eq(invoices.id, id)).get())!;
			expect(byId.get(id)).toMatchObject({
				kind: 'invoice',
				href: `/invoices/${id}`,
				amount: { minor: invoice.totalMinor - invoice.amountPaidMinor, currency: invoice.currency },
				dueDate: invoice.dueDate
			});
		}
		for (const id of [INVOICES.paidId, INVOICES.draftId, INVOICES.voidId, INVOICES.globexId])
			expect(byId.has(id), id).toBe(false);
		expect(byId.get('tsk_demo_w5')).toMatchObject({
			kind: 'task',
			title: 'Copy for About page',
			projectName: 'Website redesign'
		});
		expect(byId.get(THREADS.designId)).toMatchObject({
			kind: 'thread',
			href: `/projects/${DEMO.websiteProjectId}/messages/${THREADS.designId}`
		});
		expect(byId.has(THREADS.pricingInternalId)).toBe(false);
		const times = attention.map((i) => i.at);
		expect(times).toEqual([...times].sort((a, b) => b - a));

		// The navigation counts the same things, exactly.
		const counts = await countsFor(services, DEMO.caseyContactId);
		const listed = kinds(attention);
		expect(counts).toMatchObject({
			quotes: listed.quote ?? 0,
			contracts: listed.contract ?? 0,
			invoices: listed.invoice ?? 0,
			feedback: listed.feedback ?? 0,
			tasks: listed.task ?? 0,
			threads: listed.thread ?? 0,
			total: attention.length
		});
		expect(counts!.total).toBeGreaterThanOrEqual(8);
	});

	it("never shows another client's or another workspace's items, and is for clients only", async () => {
		const services = await seed(testServices());
		const { casey, oscar, acmeClient, demoOwner } = await scopes(services);
		const northwind = new Set((await getPortalHome({ ...casey })).attention.map((i) => i.id));
		const globex = (await getPortalHome({ ...oscar })).attention;
		const acme = (await getPortalHome({ ...acmeClient })).attention;
		expect(globex.map((i) => i.id)).toEqual(
			expect.arrayContaining([QUOTES.globexSent, CONTRACTS.globexSent, INVOICES.globexId])
		);
		for (const item of [...globex, ...acme]) expect(northwind.has(item.id), item.id).toBe(false);
		expect(acme.map((i) => i.id)).toEqual(
			expect.arrayContaining([QUOTES.acmeSent, CONTRACTS.acmeSent, INVOICES.acmeId])
		);
		await expect(getPortalHome({ ...demoOwner })).rejects.toMatchObject({ code: 'forbidden' });
		expect(await countsFor(services, DEMO.oscarContactId)).toMatchObject({ total: globex.length });
		expect(await countsFor(services, ACME.clientContactId, hosts.acme)).toMatchObject({ total: acme.length });
		// A client session on another workspace's portal is not honoured, and counts nothing there.
		expect(await countsFor(services, ACME.clientContactId, hosts.demo)).toBeUndefined();
	});

	it('drops what the client has done: read threads, answered feedback, paid invoices; nothing at all shows nothing', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		await services.db.batch([
			readMarkerUpsert(casey, THREADS.designId, 99),
			readMarkerUpsert(casey, THREADS.contentId, 99)
		]);
		expect((await getPortalHome({ ...casey })).attention.some((i) => i.kind === 'thread')).toBe(false);

		// An internal note or the client's own message is not unread; a staff reply is.
		const next = async (authorKind: 'staff' | 'client', authorId: string, internal: boolean) => {
			const last = (await services.db
				.select({ s: threads.lastSeq })
				.from(threads)
				.where(eq(threads.id, THREADS.designId))
				.get())!.s;
			const seq = Math.max(last, 99) + 1;
			await services.db.batch([
				services.db.insert(messages).values({
					id: `msg_t_${seq}`,
					workspaceId: DEMO.workspaceId,
					clientId: DEMO.northwindId,
					threadId: THREADS.designId,
					seq,
					authorKind,
					authorId,
					authorName: 'X',
					body: 'Hi',
					internal,
					createdAt: testClock.now()
				}),
				services.db
					.update(threads)
					.set({ lastSeq: seq, lastMessageAt: testClock.now() })
					.where(eq(threads.id, THREADS.designId))
			]);
		};
		await next('staff', DEMO.ownerUserId, true);
		await next('client', DEMO.caseyContactId, false);
		expect((await countsFor(services, DEMO.caseyContactId))!.threads).toBe(0);
		await next('staff', DEMO.ownerUserId, false);
		expect((await countsFor(services, DEMO.caseyContactId))!.threads).toBe(1);
		expect((await getPortalHome({ ...casey })).attention[0]).toMatchObject({ kind: 'thread', id: THREADS.designId });

		// A feedback request shows until it is answered.
		await services.db.delete(feedbackResponses).where(eq(feedbackResponses.workspaceId, DEMO.workspaceId));
		await services.db
			.update(feedbackRequests)
			.set({ status: 'open' })
			.where(eq(feedbackRequests.clientId, DEMO.northwindId));
		const asked = (await getPortalHome({ ...casey })).attention.find((i) => i.kind === 'feedback');
		expect(asked).toMatchObject({ href: `/projects/${DEMO.brandProjectId}/feedback`, projectName: expect.any(String) });

		// Clear everything: the section is gone and the counts are zero.
		await services.db.batch([
			services.db.update(quotes).set({ status: 'accepted' }).where(eq(quotes.clientId, DEMO.northwindId)),
			services.db
				.update(contracts)
				.set({ status: 'signed' })
				.where(and(eq(contracts.clientId, DEMO.northwindId), inArray(contracts.status, ['sent', 'viewed']))),
			services.db.update(invoices).set({ status: 'paid' }).where(eq(invoices.clientId, DEMO.northwindId)),
			services.db
				.update(feedbackRequests)
				.set({ status: 'closed' })
				.where(eq(feedbackRequests.clientId, DEMO.northwindId)),
			services.db.update(tasks).set({ status: 'todo' }).where(eq(tasks.clientId, DEMO.northwindId)),
			readMarkerUpsert(casey, THREADS.designId, 10_000)
		]);
		expect((await getPortalHome({ ...casey })).attention).toEqual([]);
		expect(await countsFor(services, DEMO.caseyContactId)).toMatchObject({ total: 0 });
		const html = await (await request(hosts.demo, '/', { cookie })).text();
		expect(html).not.toContain('Needs your attention');
	});

	it('a quote expires at midnight in the workspace time zone, for the list and the counts alike (pinned clock)', async () => {
		// 05:00 UTC: still yesterday in Pago Pago (UTC-11), already 19:00 in Kiritimati (UTC+14).
		const startOfDay = Math.floor(testClock.now() / DAY_MS) * DAY_MS;
		for (const [hour, zone, expiresDelta, open] of [
			[5, 'Pacific/Pago_Pago', -1, true],
			[5, 'UTC', -1, false],
			[20, 'Pacific/Kiritimati', 0, false],
			[20, 'UTC', 0, true]
		] as const) {
			const clock = fixedClock(startOfDay + hour * 3_600_000);
			const services = await seed(testServices({ clock }));
			const utcToday = todayIn('UTC', clock.now());
			await services.db.update(workspaces).set({ timezone: zone }).where(eq(workspaces.id, DEMO.workspaceId));
			await services.db
				.update(quotes)
				.set({ expiresOn: addDays(utcToday, expiresDelta), status: 'sent' })
				.where(eq(quotes.id, QUOTES.sent));
			const { casey } = await scopes(services);
			const listed = (await getPortalHome({ ...(casey as Scope) })).attention.some((i) => i.id === QUOTES.sent);
			expect(listed, `${zone} at ${hour}:00, expiring ${expiresDelta}`).toBe(open);
			const quotesOpen = (await getPortalHome({ ...casey })).attention.filter((i) => i.kind === 'quote').length;
			expect((await countsFor(services, DEMO.caseyContactId))!.quotes, zone).toBe(quotesOpen);
		}
	});

	it('the portal home reads the session, the counts and the whole page in two round trips', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const res = await request(hosts.demo, '/', { cookie });
		expect(res.status).toBe(200);
		expect(Number(res.headers.get('x-d1-round-trips'))).toBeLessThanOrEqual(2);
		const html = (await res.text()).replace(/<!--.*?-->/g, '');
		expect(html).toContain('Needs your attention');
		expect(html).toContain(`href="/quotes/${QUOTES.sent}"`);
		expect(html).toContain(`href="/invoices/${INVOICES.overdueId}"`);
		// Another page shows the same counts in the navigation, without another round trip for them.
		const project = await request(hosts.demo, `/projects/${DEMO.websiteProjectId}`, { cookie });
		expect(Number(project.headers.get('x-d1-round-trips'))).toBeLessThanOrEqual(3);
		const nav = (await project.text()).replace(/<!--.*?-->/g, '');
		const counts = (await countsFor(services, DEMO.caseyContactId))!;
		expect(nav).toContain(`${counts.invoices} to pay`);
		expect(nav).toContain(`${counts.quotes} to answer`);
	});
});
