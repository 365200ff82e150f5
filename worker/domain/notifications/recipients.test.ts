import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contracts, invoices, memberships, quotes } from '../../../db/schema';
import { CORE, INVOICES, QUOTES } from '../../dev/seed/ids';
import { DEMO, emailsTo, hosts, request, scopes, seed, sessionCookie, testServices } from '../../../tests/helpers';
import { sendContract } from '../contracts/send-contract';
import { createContract } from '../contracts/create-contract';
import { sendInvoice } from '../invoices/send-invoice';
import { sendQuote } from '../quotes/send-quote';
import { inviteMember } from '../team/invite-member';
import { listRecipients } from './list-recipients';
import { emailStaff } from './notify';

describe('who a quote, invoice or contract is sent to', () => {
	it('offers the client contacts, ticking the primary one and those with portal access', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const options = await listRecipients({ ...demoOwner, clientId: DEMO.northwindId });
		expect(options.map((o) => [o.name, o.isPrimary, o.portalAccess, o.suggested])).toEqual([
			['Casey Client', true, true, true],
			['Nico Ledger', false, false, false],
			['Nina North', false, true, true]
		]);
		await expect(listRecipients({ ...casey, clientId: DEMO.northwindId })).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('by default emails only the primary contact and those with portal access, never a contact never invited', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const { sentTo } = await sendQuote({ ...demoOwner, quoteId: QUOTES.draft });
		expect(sentTo.sort()).toEqual([DEMO.caseyEmail, CORE.ninaEmail]);
		expect(await emailsTo(services, CORE.nicoEmail)).toEqual([]);
		const invoice = await sendInvoice({ ...demoOwner, invoiceId: INVOICES.draftId });
		expect(invoice.recipients.sort()).toEqual([DEMO.caseyEmail, CORE.ninaEmail]);
		expect(await emailsTo(services, CORE.nicoEmail)).toEqual([]);
	});

	it('emails exactly the people chosen, and refuses nobody or someone else’s contact before anything is sent', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const status = async () =>
			(await services.db.select({ s: quotes.status }).from(quotes).where(eq(quotes.id, QUOTES.draft)).get())!.s;
		await expect(sendQuote({ ...demoOwner, quoteId: QUOTES.draft, input: { recipients: [''] } })).rejects.toMatchObject(
			{ code: 'validation_failed', fields: { recipients: 'Choose at least one person to send it to.' } }
		);
		await expect(
			sendQuote({ ...demoOwner, quoteId: QUOTES.draft, input: { recipients: ['', DEMO.oscarContactId] } })
		).rejects.toMatchObject({ fields: { recipients: expect.stringContaining('contacts') } });
		await expect(sendQuote({ ...demoOwner, quoteId: QUOTES.draft, input: { recipients: 42 } })).rejects.toMatchObject({
			fields: { recipients: expect.any(String) }
		});
		expect(await status()).toBe('draft');
		expect(await emailsTo(services, DEMO.oscarEmail)).toEqual([]);

		const { sentTo } = await sendQuote({
			...demoOwner,
			quoteId: QUOTES.draft,
			input: { recipients: ['', CORE.nicoContactId] }
		});
		expect(sentTo).toEqual([CORE.nicoEmail]);
		expect(await emailsTo(services, DEMO.caseyEmail)).toEqual([]);
		expect(await status()).toBe('sent');

		const { id } = await createContract({
			...demoOwner,
			input: { clientId: DEMO.northwindId, title: 'T', bodyMd: 'B' }
		});
		expect(
			(await sendContract({ ...demoOwner, contractId: id, input: { recipients: CORE.ninaContactId } })).sentTo
		).toEqual([CORE.ninaEmail]);
		expect(
			(await services.db.select({ s: contracts.status }).from(contracts).where(eq(contracts.id, id)).get())!.s
		).toBe('sent');
		const reminder = await sendInvoice({
			...demoOwner,
			invoiceId: INVOICES.sentId,
			input: { recipients: [DEMO.caseyContactId] }
		});
		expect(reminder).toMatchObject({ reminder: true, recipients: [DEMO.caseyEmail] });
		await expect(
			sendInvoice({ ...demoOwner, invoiceId: INVOICES.draftId, input: { recipients: [] } })
		).rejects.toMatchObject({ fields: { recipients: expect.any(String) } });
		expect(
			(await services.db.select({ s: invoices.status }).from(invoices).where(eq(invoices.id, INVOICES.draftId)).get())!
				.s
		).toBe('draft');
	});

	it('over the API: no body sends to the suggested people, recipients chooses them', async () => {
		const services = await seed(testServices());
		const owner = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const res = await request(hosts.dashboard, `/api/quotes/${QUOTES.draft}/send`, { method: 'POST', cookie: owner });
		expect(res.status).toBe(200);
		expect(((await res.json()) as { sentTo: string[] }).sentTo.sort()).toEqual([DEMO.caseyEmail, CORE.ninaEmail]);
		const bad = await request(hosts.dashboard, `/api/invoices/${INVOICES.draftId}/send`, {
			method: 'POST',
			cookie: owner,
			json: { recipients: [DEMO.oscarContactId] }
		});
		expect(bad.status).toBe(422);
		const chosen = await request(hosts.dashboard, `/api/invoices/${INVOICES.draftId}/send`, {
			method: 'POST',
			cookie: owner,
			json: { recipients: [CORE.nicoContactId] }
		});
		expect(await chosen.json()).toMatchObject({ recipients: [CORE.nicoEmail] });
	});
});

describe('staff emails', () => {
	it('go to members who have joined, never to an invitation still pending', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await inviteMember({ ...demoOwner, input: { email: 'pending@demo.test', name: 'Pat Pending' } });
		const pending = await services.db.select().from(memberships).where(eq(memberships.workspaceId, DEMO.workspaceId));
		expect(pending.filter((m) => m.acceptedAt === null)).toHaveLength(1);
		const sent = await emailStaff(demoOwner, 'quotes', {
			subject: 'Team news',
			content: { heading: 'Hello', paragraphs: ['Hi'] },
			tag: 'test'
		});
		expect(sent.sort()).toEqual([DEMO.memberEmail, DEMO.ownerEmail].sort());
		expect((await emailsTo(services, 'pending@demo.test')).filter((m) => m.subject === 'Team news')).toEqual([]);
	});
});
