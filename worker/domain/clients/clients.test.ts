import { and, eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, clientContacts, clients, sessions } from '../../../db/schema';
import { CORE } from '../../dev/seed';
import {
	ACME,
	DEMO,
	emailsTo,
	linkIn,
	scopes,
	seed,
	sessionCookie,
	testServices,
	type TestServices
} from '../../../tests/helpers';
import { consumeLoginLink } from '../auth/consume-login-link';
import { loadRequestContext } from '../workspaces/load-request-context';
import { addContact } from './add-contact';
import { createClient } from './create-client';
import { getClientOverview } from './get-client-overview';
import { inviteContact } from './invite-contact';
import { listClients } from './list-clients';
import { setClientArchived } from './set-client-archived';
import { setContactArchived } from './set-contact-archived';
import { updateClient } from './update-client';
import { updateContact } from './update-contact';

async function counts(services: TestServices) {
	const row = await services.db.get<{ c: number; k: number; a: number }>(
		sql`select (select count(*) from clients) as c, (select count(*) from client_contacts) as k, (select count(*) from activity) as a`
	);
	return row;
}

async function portalActor(services: TestServices, cookie: string) {
	const demo = (await scopes(services)).demo;
	const ctx = await loadRequestContext({
		services,
		host: { side: 'portal', slug: demo.slug },
		sessionCookie: cookie.replace('cp_session=', ''),
		ip: null
	});
	return ctx.actor;
}

describe('creating and editing clients', () => {
	it('creates a client with its first contact as primary, and logs both', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const { id, contactId } = await createClient({
			...demoOwner,
			input: {
				name: '  Acme Widgets ',
				website: 'widgets.example',
				contactName: 'Wendy Widget',
				contactEmail: 'Wendy@Widgets.Example'
			}
		});
		const client = await services.db.query.clients.findFirst({ where: eq(clients.id, id) });
		expect(client).toMatchObject({
			workspaceId: DEMO.workspaceId,
			name: 'Acme Widgets',
			website: 'https://widgets.example'
		});
		const contact = await services.db.query.clientContacts.findFirst({ where: eq(clientContacts.id, contactId!) });
		expect(contact).toMatchObject({ clientId: id, email: 'wendy@widgets.example', isPrimary: true });
		const verbs = (await services.db.select({ verb: activity.verb }).from(activity).where(eq(activity.clientId, id)))
			.map((a) => a.verb)
			.sort();
		expect(verbs).toEqual(['client.created', 'contact.added']);
	});

	it('refuses an empty name and half a contact with field messages, changing nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const before = await counts(services);
		await expect(createClient({ ...demoOwner, input: { name: '   ', contactEmail: 'x@y.co' } })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { name: "Enter the client's name.", contactName: expect.stringContaining("contact's name") }
		});
		await expect(
			createClient({ ...demoOwner, input: { name: 'Ok', website: 'not a url at all' } })
		).rejects.toMatchObject({ fields: { website: expect.stringContaining('web address') } });
		expect(await counts(services)).toEqual(before);
	});

	it('refuses a contact email already used in the workspace, saying whose it is, and changes nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const before = await counts(services);
		await expect(
			createClient({ ...demoOwner, input: { name: 'Copycat', contactName: 'C', contactEmail: 'CLIENT@demo.test' } })
		).rejects.toMatchObject({
			code: 'conflict',
			fields: { contactEmail: 'Casey Client at Northwind Traders already uses this email address.' }
		});
		expect(await counts(services)).toEqual(before);
	});

	it('allows the same email in another workspace', async () => {
		const services = await seed(testServices());
		const { acmeOwner } = await scopes(services);
		await expect(
			createClient({
				...acmeOwner,
				input: { name: 'Twin', contactName: 'Casey Elsewhere', contactEmail: DEMO.caseyEmail }
			})
		).resolves.toMatchObject({ id: expect.any(String) });
	});

	it('edits only the fields sent and logs the rename', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await updateClient({ ...demoOwner, clientId: DEMO.northwindId, input: { name: 'Northwind Trading Co' } });
		const client = await services.db.query.clients.findFirst({ where: eq(clients.id, DEMO.northwindId) });
		expect(client).toMatchObject({
			name: 'Northwind Trading Co',
			website: 'https://northwind.example',
			notes: 'Prefers email over calls.'
		});
		const [entry] = await services.db.select().from(activity).where(eq(activity.verb, 'client.updated'));
		expect(entry.summary).toContain('(was Northwind Traders)');
	});
});

describe('listing clients', () => {
	it('searches names and contact emails, hides archived clients by default, and pages', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const active = await listClients({ ...demoOwner, input: {} });
		expect(active.page.items.map((c) => c.name)).toEqual([
			'Blue Harbor Cafe',
			'Globex Corporation',
			'Initech',
			'Northwind Traders'
		]);
		const northwind = active.page.items.find((c) => c.id === DEMO.northwindId)!;
		expect(northwind).toMatchObject({ primaryContactEmail: DEMO.caseyEmail, contactCount: 3, activeProjectCount: 1 });

		expect((await listClients({ ...demoOwner, input: { q: 'initech.test' } })).page.items.map((c) => c.id)).toEqual([
			CORE.initechId
		]);
		expect((await listClients({ ...demoOwner, input: { q: 'GLOBEX' } })).page.items.map((c) => c.id)).toEqual([
			DEMO.globexId
		]);
		expect((await listClients({ ...demoOwner, input: { q: '%' } })).page.items).toEqual([]);
		expect((await listClients({ ...demoOwner, input: { status: 'archived' } })).page.items.map((c) => c.id)).toEqual([
			CORE.oldMillId
		]);
		expect((await listClients({ ...demoOwner, input: { status: 'nonsense' } })).filters.status).toBe('active');

		const first = await listClients({ ...demoOwner, input: { pageSize: '3', status: 'all' } });
		const second = await listClients({ ...demoOwner, input: { pageSize: '3', status: 'all', page: '2' } });
		expect(first.page).toMatchObject({ hasNext: true, hasPrevious: false });
		expect(second.page).toMatchObject({ hasNext: false, hasPrevious: true });
		expect([...first.page.items, ...second.page.items].map((c) => c.id)).toHaveLength(5);
	});

	it("never lists another workspace's clients and refuses clients and visitors", async () => {
		const services = await seed(testServices());
		const { acmeOwner, casey, anonymousDemo } = await scopes(services);
		expect((await listClients({ ...acmeOwner, input: { status: 'all' } })).page.items.map((c) => c.id)).toEqual([
			ACME.roadrunnerId
		]);
		await expect(listClients({ ...casey, input: {} })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(listClients({ ...anonymousDemo, input: {} })).rejects.toMatchObject({ code: 'unauthenticated' });
	});
});

describe('tenancy of client changes', () => {
	it('does not let staff of another workspace read or change a demo client (not found), changing nothing', async () => {
		const services = await seed(testServices());
		const { acmeOwner } = await scopes(services);
		const before = await counts(services);
		await expect(getClientOverview({ ...acmeOwner, clientId: DEMO.northwindId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			updateClient({ ...acmeOwner, clientId: DEMO.northwindId, input: { name: 'Pwned' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			setClientArchived({ ...acmeOwner, clientId: DEMO.northwindId, input: { archived: true } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			addContact({ ...acmeOwner, clientId: DEMO.northwindId, input: { name: 'Spy', email: 'spy@acme.test' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			updateContact({
				...acmeOwner,
				clientId: DEMO.northwindId,
				contactId: DEMO.caseyContactId,
				input: { email: 'spy@acme.test' }
			})
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			inviteContact({ ...acmeOwner, clientId: DEMO.northwindId, contactId: DEMO.caseyContactId })
		).rejects.toMatchObject({ code: 'not_found' });
		expect(await counts(services)).toEqual(before);
		expect(await emailsTo(services, DEMO.caseyEmail)).toEqual([]);
	});

	it('refuses clients and anonymous visitors', async () => {
		const services = await seed(testServices());
		const { casey, anonymousDemo } = await scopes(services);
		await expect(getClientOverview({ ...casey, clientId: DEMO.northwindId })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(
			inviteContact({ ...casey, clientId: DEMO.northwindId, contactId: DEMO.caseyContactId })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(createClient({ ...anonymousDemo, input: { name: 'X' } })).rejects.toMatchObject({
			code: 'unauthenticated'
		});
	});

	it('treats a contact id under the wrong client as not found', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await expect(
			updateContact({ ...demoOwner, clientId: DEMO.globexId, contactId: DEMO.caseyContactId, input: { name: 'X' } })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});

describe('contacts', () => {
	it('adds a contact; ticking primary moves the flag', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const { id } = await addContact({
			...demoOwner,
			clientId: DEMO.northwindId,
			input: { name: 'Pat Primary', email: 'pat@northwind.test', isPrimary: 'on' }
		});
		const rows = await services.db
			.select({ id: clientContacts.id, isPrimary: clientContacts.isPrimary })
			.from(clientContacts)
			.where(eq(clientContacts.clientId, DEMO.northwindId));
		expect(rows.filter((r) => r.isPrimary).map((r) => r.id)).toEqual([id]);
	});

	it('makes the first contact of a client primary without asking', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const { id: clientId } = await createClient({ ...demoOwner, input: { name: 'Fresh Co' } });
		const { id } = await addContact({ ...demoOwner, clientId, input: { name: 'First', email: 'first@fresh.test' } });
		expect((await services.db.query.clientContacts.findFirst({ where: eq(clientContacts.id, id) }))?.isPrimary).toBe(
			true
		);
	});

	it('refuses a taken email on add and edit (also an archived contact’s), changing nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const before = await counts(services);
		await expect(
			addContact({ ...demoOwner, clientId: DEMO.northwindId, input: { name: 'Dup', email: DEMO.oscarEmail } })
		).rejects.toMatchObject({
			fields: { email: 'Oscar Other at Globex Corporation already uses this email address.' }
		});
		await expect(
			updateContact({
				...demoOwner,
				clientId: DEMO.northwindId,
				contactId: DEMO.caseyContactId,
				input: { email: 'joanna@initech.test' }
			})
		).rejects.toMatchObject({
			fields: { email: expect.stringContaining('archived contact (Joanna Lee, Initech)') }
		});
		await expect(
			addContact({ ...demoOwner, clientId: DEMO.northwindId, input: { name: '', email: 'nope' } })
		).rejects.toMatchObject({
			fields: { name: "Enter the contact's name.", email: expect.stringContaining('valid email') }
		});
		expect(await counts(services)).toEqual(before);
		expect(
			(await services.db.query.clientContacts.findFirst({ where: eq(clientContacts.id, DEMO.caseyContactId) }))?.email
		).toBe(DEMO.caseyEmail);
	});

	it('signs the contact out when their email changes, not when only the name does', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		await updateContact({
			...demoOwner,
			clientId: DEMO.northwindId,
			contactId: DEMO.caseyContactId,
			input: { name: 'Casey C.' }
		});
		expect((await portalActor(services, cookie)).kind).toBe('client');
		await updateContact({
			...demoOwner,
			clientId: DEMO.northwindId,
			contactId: DEMO.caseyContactId,
			input: { email: 'casey@new.test' }
		});
		expect((await portalActor(services, cookie)).kind).toBe('anonymous');
	});
});

describe('archiving', () => {
	it('archiving a contact revokes their sessions; restoring does not bring them back', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		expect((await portalActor(services, cookie)).kind).toBe('client');
		await setContactArchived({
			...demoOwner,
			clientId: DEMO.northwindId,
			contactId: DEMO.caseyContactId,
			input: { archived: true }
		});
		const live = await services.db
			.select()
			.from(sessions)
			.where(and(eq(sessions.contactId, DEMO.caseyContactId), isNull(sessions.revokedAt)));
		expect(live).toEqual([]);
		await setContactArchived({
			...demoOwner,
			clientId: DEMO.northwindId,
			contactId: DEMO.caseyContactId,
			input: { archived: false }
		});
		expect((await portalActor(services, cookie)).kind).toBe('anonymous');
		const verbs = (
			await services.db
				.select({ verb: activity.verb })
				.from(activity)
				.where(eq(activity.subjectId, DEMO.caseyContactId))
		).map((a) => a.verb);
		expect(verbs.sort()).toEqual(['contact.archived', 'contact.invited', 'contact.unarchived']);
	});

	it("archiving a client revokes every contact's sessions, once, and stops their sign-in links", async () => {
		const services = await seed(testServices());
		const { demoOwner, demo } = await scopes(services);
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const nina = await sessionCookie(services, { contactId: CORE.ninaContactId });
		const oscar = await sessionCookie(services, { contactId: DEMO.oscarContactId });
		await inviteContact({ ...demoOwner, clientId: DEMO.northwindId, contactId: DEMO.caseyContactId });
		const [mail] = await emailsTo(services, DEMO.caseyEmail);
		await setClientArchived({ ...demoOwner, clientId: DEMO.northwindId, input: { archived: true } });
		await setClientArchived({ ...demoOwner, clientId: DEMO.northwindId, input: { archived: true } });
		expect((await portalActor(services, casey)).kind).toBe('anonymous');
		expect((await portalActor(services, nina)).kind).toBe('anonymous');
		expect((await portalActor(services, oscar)).kind).toBe('client');
		const token = new URL(linkIn(mail.text)).searchParams.get('token');
		expect(
			(
				await consumeLoginLink({
					services,
					token,
					target: { side: 'portal', workspace: demo },
					ip: null,
					userAgent: null
				})
			).status
		).toBe('no_access');
		expect(await services.db.select().from(activity).where(eq(activity.verb, 'client.archived'))).toHaveLength(2); // the seeded Old Mill one and this one
	});
});

describe('inviting a contact', () => {
	it('sends exactly one branded welcome email per call with a working sign-in link, and logs each send', async () => {
		const services = await seed(testServices());
		const { demoOwner, demo } = await scopes(services);
		const first = await inviteContact({ ...demoOwner, clientId: CORE.harborId, contactId: CORE.marinaContactId });
		expect(first).toMatchObject({ status: 'sent', email: 'marina@blueharbor.test' });
		const mails = await emailsTo(services, 'marina@blueharbor.test');
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({
			subject: 'Your client portal invitation',
			tag: 'invite',
			from: expect.stringContaining('Demo Studio')
		});
		expect(mails[0].text).toContain('Olivia Owner has invited you');
		expect(mails[0].html).toContain('#4338ca');
		const link = new URL(linkIn(mails[0].text));
		expect(link.host).toBe('demo.localhost:8787');
		const signedIn = await consumeLoginLink({
			services,
			token: link.searchParams.get('token'),
			target: { side: 'portal', workspace: demo },
			ip: null,
			userAgent: null
		});
		expect(signedIn).toMatchObject({ status: 'signed_in', kind: 'client' });

		await inviteContact({ ...demoOwner, clientId: CORE.harborId, contactId: CORE.marinaContactId });
		expect(await emailsTo(services, 'marina@blueharbor.test')).toHaveLength(2);
		const entries = await services.db
			.select({ summary: activity.summary })
			.from(activity)
			.where(and(eq(activity.verb, 'contact.invited'), eq(activity.subjectId, CORE.marinaContactId)));
		expect(entries.map((e) => e.summary).sort()).toEqual([
			'Olivia Owner invited Marina Costa (Blue Harbor Cafe) to the portal',
			'Olivia Owner re-sent the portal invitation to Marina Costa (Blue Harbor Cafe)'
		]);
		const contact = await services.db.query.clientContacts.findFirst({
			where: eq(clientContacts.id, CORE.marinaContactId)
		});
		expect(contact?.lastInvitedAt).toEqual(expect.any(Number));
	});

	it('sends one email when the same button is submitted twice', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const input = { requestId: 'render-1' };
		const results = await Promise.all(
			[1, 2, 3].map(() =>
				inviteContact({ ...demoOwner, clientId: CORE.harborId, contactId: CORE.marinaContactId, input })
			)
		);
		expect(results.filter((r) => r.status === 'sent')).toHaveLength(1);
		expect(await emailsTo(services, 'marina@blueharbor.test')).toHaveLength(1);
		expect(
			await services.db
				.select()
				.from(activity)
				.where(and(eq(activity.verb, 'contact.invited'), eq(activity.subjectId, CORE.marinaContactId)))
		).toHaveLength(1);
	});

	it('refuses archived contacts and contacts of archived clients, sending nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await expect(
			inviteContact({ ...demoOwner, clientId: CORE.initechId, contactId: CORE.joannaContactId })
		).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Joanna Lee is archived') });
		await expect(
			inviteContact({ ...demoOwner, clientId: CORE.oldMillId, contactId: CORE.oldMillContactId })
		).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Old Mill Press is archived') });
		expect(await emailsTo(services, 'joanna@initech.test')).toEqual([]);
		expect(await emailsTo(services, 'walter@oldmill.test')).toEqual([]);
	});
});

describe('client overview', () => {
	it('shows contacts (active and primary first), projects with completion and recent activity, in one round trip', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const overview = await getClientOverview({ ...demoOwner, clientId: CORE.initechId });
		expect(overview.contacts.map((c) => c.name)).toEqual(['Peter Gibbons', 'Joanna Lee']);
		expect(overview.projects).toEqual([
			expect.objectContaining({ id: CORE.intranetProjectId, taskCount: 8, completeCount: 2, completion: 25 })
		]);
		expect(overview.activity.map((a) => a.summary)).toEqual([
			expect.stringContaining('Which teams keep edit rights?'),
			expect.stringContaining('Set up single sign-on'),
			expect.stringContaining('archived the contact Joanna Lee'),
			expect.stringContaining('created the project Intranet migration'),
			expect.stringContaining('added the client Initech')
		]);
	});
});
