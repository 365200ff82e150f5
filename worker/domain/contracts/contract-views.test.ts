import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CORE } from '../../dev/seed/ids';
import { contractEvents, contracts, sessions } from '../../../db/schema';
import { clientActor, DEMO, fixedClock, scopes, seed, testServices } from '../../../tests/helpers';
import { newSessionInsert } from '../auth/sessions';
import { MAX_IP_CHARS, MAX_USER_AGENT_CHARS } from '../request-source';
import { MAX_VIEW_ROWS, VIEW_SESSION_MS } from './contract-views';
import { getContract } from './get-contract';
import { signContract } from './sign-contract';
import { pdfText, sentContract } from './testing';

const MINUTE = 60_000;
const browser = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (iPhone) Test' };

async function viewedRows(services: { db: import('../../services/db').Db }, contractId: string) {
	return services.db
		.select()
		.from(contractEvents)
		.where(and(eq(contractEvents.contractId, contractId), eq(contractEvents.event, 'viewed')))
		.orderBy(contractEvents.createdAt);
}

describe('contract views', () => {
	it('a client reloading the contract adds no audit rows: one per viewer per 30-minute session, every view counted', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner, casey } = await scopes(services);
		const nina = { ...casey, actor: await clientActor(services, CORE.ninaContactId) };
		const { id } = await sentContract(demoOwner, DEMO.northwindId);
		const firstAt = clock.now();
		for (let i = 0; i < 100; i++) {
			await getContract({ ...casey, contractId: id, audit: browser });
			clock.advance(10_000);
		}
		const lastAt = clock.now() - 10_000;
		let rows = await viewedRows(services, id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			actorId: DEMO.caseyContactId,
			viewCount: 100,
			createdAt: firstAt,
			lastViewedAt: lastAt,
			ip: browser.ip,
			userAgent: browser.userAgent
		});

		// Another contact of the same client is another viewer; staff views are not client views.
		await getContract({ ...nina, contractId: id, audit: { ip: '198.51.100.7', userAgent: 'Nina/1.0' } });
		await getContract({ ...demoOwner, contractId: id, audit: browser });
		// A session ends 30 minutes after the viewer's last view.
		clock.advance(VIEW_SESSION_MS - 10_000 - 1);
		await getContract({ ...casey, contractId: id, audit: browser });
		clock.advance(VIEW_SESSION_MS + 1);
		await getContract({ ...casey, contractId: id, audit: { ip: '192.0.2.1', userAgent: 'Laptop/3.0' } });

		rows = await viewedRows(services, id);
		expect(rows.map((r) => [r.actorId, r.viewCount, r.ip])).toEqual([
			[DEMO.caseyContactId, 101, browser.ip],
			[CORE.ninaContactId, 1, '198.51.100.7'],
			[DEMO.caseyContactId, 1, '192.0.2.1']
		]);
		const detail = await getContract({ ...demoOwner, contractId: id });
		expect(detail.contract).toMatchObject({
			status: 'viewed',
			viewCount: 103,
			firstViewedAt: firstAt,
			lastViewedAt: clock.now()
		});
		// The client's own view of the contract does not carry the counts.
		expect((await getContract({ ...casey, contractId: id, countView: false })).contract).not.toHaveProperty(
			'viewCount'
		);
	});

	it(`keeps at most ${MAX_VIEW_ROWS} viewing sessions per contract; later views are still counted`, async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner, casey } = await scopes(services);
		const { id } = await sentContract(demoOwner, DEMO.northwindId);
		for (let i = 0; i < MAX_VIEW_ROWS + 10; i++) {
			await getContract({ ...casey, contractId: id, audit: browser });
			clock.advance(VIEW_SESSION_MS + MINUTE);
		}
		const rows = await viewedRows(services, id);
		expect(rows).toHaveLength(MAX_VIEW_ROWS);
		expect(rows.reduce((n, r) => n + (r.viewCount ?? 0), 0)).toBe(MAX_VIEW_ROWS + 10);
		expect(rows.at(-1)).toMatchObject({ viewCount: 11, lastViewedAt: clock.now() - VIEW_SESSION_MS - MINUTE });
		expect(
			await services.db.select({ n: contracts.viewCount }).from(contracts).where(eq(contracts.id, id)).get()
		).toEqual({ n: MAX_VIEW_ROWS + 10 });
	});

	it('stores user agents and IPs bounded, in the audit trail, signatures and sessions', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		const long = { ip: `2001:db8::${'f'.repeat(200)}`, userAgent: `Mozilla/5.0 ${'W'.repeat(600)}` };
		await getContract({ ...casey, contractId: id, audit: long });
		await signContract({
			...casey,
			contractId: id,
			input: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash },
			audit: long
		});
		const detail = await getContract({ ...demoOwner, contractId: id });
		for (const row of [
			...detail.events.filter((e) => e.event === 'viewed' || e.event === 'signed'),
			...detail.signatures
		]) {
			expect(row.userAgent).toBe(long.userAgent.slice(0, MAX_USER_AGENT_CHARS));
			expect(row.ip).toBe(long.ip.slice(0, MAX_IP_CHARS));
		}
		const session = await newSessionInsert(services, {
			kind: 'client',
			workspaceId: DEMO.workspaceId,
			contactId: DEMO.caseyContactId,
			clientId: DEMO.northwindId,
			...long
		});
		await session.insert;
		const stored = await services.db.select().from(sessions).where(eq(sessions.contactId, DEMO.caseyContactId));
		expect(stored.map((s) => [s.userAgent?.length, s.ip?.length])).toContainEqual([MAX_USER_AGENT_CHARS, MAX_IP_CHARS]);
	});

	it('signing after hundreds of views lists the first and last views and the count in the certificate, not every view', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demoOwner, casey } = await scopes(services);
		const { id, documentHash } = await sentContract(demoOwner, DEMO.northwindId);
		const agent = { ip: browser.ip, userAgent: `Mozilla/5.0 ${'W'.repeat(600)}` };
		for (let i = 0; i < 300; i++) {
			await getContract({ ...casey, contractId: id, audit: agent });
			clock.advance(i % 100 === 99 ? VIEW_SESSION_MS + MINUTE : MINUTE / 2);
		}
		await signContract({
			...casey,
			contractId: id,
			input: { method: 'typed', typedName: 'Casey Client', consent: true, documentHash },
			audit: agent
		});
		expect(await viewedRows(services, id)).toHaveLength(3);
		const row = await services.db.select().from(contracts).where(eq(contracts.id, id)).get();
		const text = await pdfText(new Uint8Array(await (await services.env.FILES.get(row!.signedPdfKey!))!.arrayBuffer()));
		expect(text).toContain('Client views');
		expect(text).toContain('300');
		expect(text.match(/First viewed/g)).toHaveLength(1);
		expect(text.match(/Last viewed/g)).toHaveLength(1);
		expect(text).not.toMatch(/^Viewed$/m);
	});
});
