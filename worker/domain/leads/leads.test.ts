import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, clientContacts, clients, leads } from '../../../db/schema';
import { DEMO, scopes, seed, testServices, type TestServices } from '../../../tests/helpers';
import { newId } from '../../services/ids';
import { convertLead } from './convert-lead';
import { getLead } from './get-lead';
import { leadPipeline } from './lead-pipeline';
import { listLeads } from './list-leads';
import { moveLead } from './move-lead';

async function aLead(services: TestServices, overrides: Partial<typeof leads.$inferInsert> = {}) {
	const id = newId('lead');
	const now = services.clock.now();
	await services.db.insert(leads).values({
		id,
		workspaceId: DEMO.workspaceId,
		name: 'Lee Lead',
		email: 'lee@lead.test',
		company: 'Lead Co',
		stage: 'new',
		answers: { name: { label: 'Your name', value: 'Lee Lead' } },
		createdAt: now,
		updatedAt: now,
		...overrides
	});
	return id;
}

describe('leads', () => {
	it('shows the pipeline by stage and pages through one stage', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const id = await aLead(services);
		const pipeline = await leadPipeline(demoOwner);
		expect(pipeline.map((c) => c.stage)).toEqual(['new', 'contacted', 'qualified', 'won', 'lost']);
		const column = pipeline.find((c) => c.stage === 'new')!;
		expect(column.leads.map((l) => l.id)).toContain(id);
		expect(column.count).toBe(column.leads.length);
		const list = await listLeads({ ...demoOwner, input: { stage: 'new', pageSize: '1' } });
		expect(list.page.items).toHaveLength(1);
		await expect(listLeads({ ...demoOwner, input: { stage: 'nope' } })).rejects.toMatchObject({
			code: 'validation_failed'
		});
	});

	it('moves a lead between stages and records who did it', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const id = await aLead(services);
		await moveLead({ ...demoOwner, leadId: id, input: { stage: 'qualified' } });
		expect((await getLead({ ...demoOwner, leadId: id })).stage).toBe('qualified');
		expect(
			await services.db.select({ summary: activity.summary }).from(activity).where(eq(activity.subjectId, id))
		).toEqual([{ summary: 'Olivia Owner moved the lead Lee Lead to Qualified' }]);
		await expect(moveLead({ ...demoOwner, leadId: id, input: { stage: 'archived' } })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { stage: 'Choose a stage.' }
		});
	});

	it('converts a lead into a client with a contact, once', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const id = await aLead(services, { phone: '+1 555 0100' });
		const results = await Promise.allSettled([
			convertLead({ ...demoOwner, leadId: id, input: {} }),
			convertLead({ ...demoOwner, leadId: id, input: {} })
		]);
		const done = results.filter((r) => r.status === 'fulfilled');
		expect(done).toHaveLength(1);
		const { clientId } = (done[0] as PromiseFulfilledResult<{ clientId: string }>).value;
		expect(await services.db.select().from(clients).where(eq(clients.id, clientId))).toEqual([
			expect.objectContaining({ workspaceId: DEMO.workspaceId, name: 'Lead Co', phone: '+1 555 0100' })
		]);
		expect(await services.db.select().from(clientContacts).where(eq(clientContacts.clientId, clientId))).toEqual([
			expect.objectContaining({ name: 'Lee Lead', email: 'lee@lead.test', isPrimary: true })
		]);
		expect(await getLead({ ...demoOwner, leadId: id })).toMatchObject({
			stage: 'won',
			convertedClientId: clientId,
			clientName: 'Lead Co'
		});
		expect(await services.db.select().from(activity).where(eq(activity.verb, 'lead.converted'))).toHaveLength(1);
		await expect(convertLead({ ...demoOwner, leadId: id, input: {} })).rejects.toMatchObject({ code: 'conflict' });
	});

	it('refuses to convert a lead whose email is already a contact, and creates nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const id = await aLead(services, { email: DEMO.caseyEmail });
		const before = (await services.db.select().from(clients)).length;
		await expect(convertLead({ ...demoOwner, leadId: id, input: {} })).rejects.toMatchObject({
			code: 'conflict',
			message: `${DEMO.caseyEmail} is already a contact of Northwind Traders.`
		});
		expect(await services.db.select().from(clients)).toHaveLength(before);
		expect((await getLead({ ...demoOwner, leadId: id })).convertedClientId).toBeNull();
	});

	it('keeps leads to staff of their own workspace', async () => {
		const services = await seed(testServices());
		const { acmeOwner, casey, anonymousDemo } = await scopes(services);
		const id = await aLead(services);
		await expect(getLead({ ...acmeOwner, leadId: id })).rejects.toMatchObject({ code: 'not_found' });
		await expect(moveLead({ ...acmeOwner, leadId: id, input: { stage: 'lost' } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(convertLead({ ...acmeOwner, leadId: id, input: {} })).rejects.toMatchObject({ code: 'not_found' });
		expect((await leadPipeline(acmeOwner)).flatMap((c) => c.leads).map((l) => l.id)).not.toContain(id);
		await expect(getLead({ ...casey, leadId: id })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(leadPipeline(anonymousDemo)).rejects.toMatchObject({ code: 'unauthenticated' });
		expect((await services.db.select().from(leads).where(eq(leads.id, id)))[0].stage).toBe('new');
	});
});
