import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	clientContacts,
	clients,
	emailLog,
	feedbackResponses,
	invoiceItems,
	leads,
	projects,
	tasks,
	threadNotifications,
	timeEntries
} from '../../db/schema';
import { DEMO_TIME, INVOICES, SETTINGS_DEMO, THREADS } from '../../worker/dev/seed/ids';
import { inviteContact } from '../../worker/domain/clients/invite-contact';
import { sentContract } from '../../worker/domain/contracts/testing';
import { requestQuoteChanges } from '../../worker/domain/quotes/request-quote-changes';
import { sentQuote } from '../../worker/domain/quotes/testing';
import { createThread } from '../../worker/domain/threads/create-thread';
import { postMessage } from '../../worker/domain/threads/post-message';
import { sendDueThreadNotifications } from '../../worker/domain/threads/send-thread-notifications';
import { DEMO, hosts, request, requestSettled, scopes, seed, sessionCookie, testServices } from '../helpers';

// Script injection in every text field that is rendered back: whatever a
// client, a prospect or staff types is shown as text in the dashboard, the
// portal and emails, never as markup. Each field gets its own marker so the
// test also proves the field was rendered (escaped) somewhere, not just absent.

const payload = (marker: string) => `${marker}<script>alert(1)</script>"><img src=x onerror=alert(1)>`;

/** Markers and where they must show up (escaped). */
const FIELDS = {
	XCLIENT: 'client name',
	XCONTACT: 'contact name',
	XPROJECT: 'project name',
	XTASK: 'task title',
	XMSG: 'client message',
	XNOTE: 'internal note',
	XQTITLE: 'quote title',
	XQNOTES: 'quote notes',
	XQITEM: 'quote line item',
	XCTITLE: 'contract title',
	XCBODY: 'contract text (Markdown)',
	XLEAD: 'lead name',
	XBRIEF: 'intake answer',
	XCOMPANY: 'intake company answer',
	XTHREAD: 'thread title (client-created)',
	XCHANGE: 'quote change request (client)',
	XFEEDBACK: 'feedback comment (client)',
	XTIME: 'time entry description',
	XINVITEM: 'invoice line item'
} as const;
type Marker = keyof typeof FIELDS;
const MARKERS = Object.keys(FIELDS) as Marker[];

/** Fails on any live markup from a payload; returns the markers found rendered as text. */
function inertMarkers(html: string, where: string): Set<Marker> {
	expect(html, where).not.toMatch(/<script>alert/i);
	// Breaking out of an attribute (`">`) or text would leave a raw `<img` tag.
	expect(html, where).not.toMatch(/<img src=x/i);
	expect(html, where).not.toMatch(/<a [^>]*href="javascript:/i);
	// Text (or attribute) escaping: `<` becomes `&lt;`, `>` may stay or become `&gt;`.
	return new Set(MARKERS.filter((m) => new RegExp(`${m}&lt;script(>|&gt;)alert\\(1\\)`).test(html)));
}

async function injectEverywhere() {
	const services = await seed(testServices());
	const s = await scopes(services);
	const { db } = services;
	// Names typed by staff (and, for contacts, shown to the client): set directly, so the
	// test is about output whatever the input rules are.
	await db.batch([
		db
			.update(clients)
			.set({ name: payload('XCLIENT') })
			.where(eq(clients.id, DEMO.northwindId)),
		db
			.update(clientContacts)
			.set({ name: payload('XCONTACT') })
			.where(eq(clientContacts.id, DEMO.caseyContactId)),
		db
			.update(projects)
			.set({ name: payload('XPROJECT') })
			.where(eq(projects.id, DEMO.websiteProjectId)),
		db
			.update(tasks)
			.set({ title: payload('XTASK') })
			.where(eq(tasks.id, 'tsk_demo_w2')),
		db
			.update(feedbackResponses)
			.set({ comment: payload('XFEEDBACK') })
			.where(eq(feedbackResponses.id, SETTINGS_DEMO.feedbackResponseId)),
		db
			.update(timeEntries)
			.set({ description: payload('XTIME') })
			.where(eq(timeEntries.id, DEMO_TIME.websiteWorkshop)),
		db
			.update(invoiceItems)
			.set({ description: payload('XINVITEM') })
			.where(eq(invoiceItems.invoiceId, INVOICES.sentId))
	]);
	const casey = { ...s.casey, actor: { ...s.casey.actor, name: payload('XCONTACT') } };
	// Through the use cases: messages, an internal note, a quote, a contract.
	await postMessage({ ...casey, threadId: THREADS.designId, input: { body: payload('XMSG') } });
	await postMessage({ ...s.demoOwner, threadId: THREADS.designId, input: { body: payload('XNOTE'), internal: true } });
	const quoteId = await sentQuote(s.demoOwner, DEMO.northwindId, {
		title: payload('XQTITLE'),
		notes: payload('XQNOTES'),
		items: [{ description: payload('XQITEM'), quantity: '1', unitPrice: '1000.00' }]
	});
	const changedQuoteId = await sentQuote(s.demoOwner, DEMO.northwindId, { title: 'Second offer' });
	await requestQuoteChanges({ ...casey, quoteId: changedQuoteId, input: { body: payload('XCHANGE'), version: 1 } });
	const { threadId } = await createThread({
		...casey,
		input: { projectId: DEMO.websiteProjectId, title: payload('XTHREAD'), body: 'New topic' }
	});
	const bodyMd = [
		`## ${payload('XCBODY')}`,
		'',
		`Para ${payload('XCBODY')} **bold ${payload('XCBODY')}**`,
		'',
		'[click](javascript:alert(1)) <a href="javascript:alert(2)">raw</a>',
		'',
		`- ${payload('XCBODY')}`
	].join('\n');
	const contract = await sentContract(s.demoOwner, DEMO.northwindId, { title: payload('XCTITLE'), bodyMd });
	// A prospect fills the public intake form, through the Worker.
	const submitted = await requestSettled(hosts.demo, `/forms/${SETTINGS_DEMO.intakeFormSlug}`, {
		form: {
			name: payload('XLEAD'),
			email: 'prospect@example.test',
			f_company: payload('XCOMPANY'),
			f_service: 'Website',
			f_brief: payload('XBRIEF')
		}
	});
	expect(submitted.status).toBe(200);
	const lead = await db.select({ id: leads.id }).from(leads).where(eq(leads.email, 'prospect@example.test')).get();
	expect(lead).toBeDefined();
	// Emails: the contact's invitation and the batched thread notification to staff.
	await inviteContact({ ...s.demoOwner, clientId: DEMO.northwindId, contactId: DEMO.caseyContactId });
	await db.update(threadNotifications).set({ dueAt: 0 });
	await sendDueThreadNotifications({ services });
	await services.settle();
	return { services, quoteId, changedQuoteId, threadId, contractId: contract.id, leadId: lead!.id };
}

describe('script injection in text fields', () => {
	it('is rendered as text on every dashboard page, portal page and email that shows it', async () => {
		const { services, quoteId, changedQuoteId, threadId, contractId, leadId } = await injectEverywhere();
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const client = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const p = DEMO.websiteProjectId;

		const dashboardPages = [
			'/',
			'/clients',
			`/clients/${DEMO.northwindId}`,
			`/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}`,
			'/projects',
			`/projects/${p}`,
			`/projects/${p}/threads`,
			`/projects/${p}/threads/${THREADS.designId}`,
			'/quotes',
			`/quotes/${quoteId}`,
			`/quotes/${changedQuoteId}`,
			`/projects/${p}/threads/${threadId}`,
			`/projects/${DEMO.brandProjectId}/feedback`,
			`/projects/${p}/time`,
			`/invoices/${INVOICES.sentId}`,
			'/contracts',
			`/contracts/${contractId}`,
			'/leads',
			`/leads/${leadId}`,
			'/activity'
		];
		const portalPages = [
			'/',
			`/projects/${p}`,
			`/projects/${p}/messages`,
			`/projects/${p}/messages/${THREADS.designId}`,
			`/projects/${p}/messages/${threadId}`,
			`/projects/${DEMO.brandProjectId}/feedback`,
			`/projects/${p}/time`,
			`/invoices/${INVOICES.sentId}`,
			'/quotes',
			`/quotes/${quoteId}`,
			`/quotes/${changedQuoteId}`,
			'/contracts',
			`/contracts/${contractId}`
		];

		const onDashboard = new Set<Marker>();
		for (const path of dashboardPages) {
			const res = await request(hosts.dashboard, path, { cookie: staff, headers: { accept: 'text/html' } });
			expect(res.status, `dashboard ${path}`).toBe(200);
			for (const m of inertMarkers(await res.text(), `dashboard ${path}`)) onDashboard.add(m);
		}
		const onPortal = new Set<Marker>();
		for (const path of portalPages) {
			const res = await request(hosts.demo, path, { cookie: client, headers: { accept: 'text/html' } });
			expect(res.status, `portal ${path}`).toBe(200);
			for (const m of inertMarkers(await res.text(), `portal ${path}`)) onPortal.add(m);
		}

		const emails = await services.db
			.select({ to: emailLog.to, subject: emailLog.subject, html: emailLog.html })
			.from(emailLog);
		const inEmails = new Set<Marker>();
		for (const email of emails)
			for (const m of inertMarkers(email.html, `email "${email.subject}" to ${email.to}`)) inEmails.add(m);
		const outbox = await request(hosts.dashboard, '/dev/outbox', { headers: { accept: 'text/html' } });
		expect(outbox.status).toBe(200);
		inertMarkers(await outbox.text(), 'dev outbox');

		// Staff see every field; the client sees theirs, never the internal note or the leads.
		expect([...onDashboard].sort()).toEqual([...MARKERS].sort());
		const clientSees: Marker[] = [
			'XCLIENT',
			'XCONTACT',
			'XPROJECT',
			'XTASK',
			'XMSG',
			'XQTITLE',
			'XQNOTES',
			'XQITEM',
			'XCTITLE',
			'XCBODY',
			'XTHREAD',
			'XCHANGE',
			'XFEEDBACK',
			'XTIME',
			'XINVITEM'
		];
		expect([...onPortal].sort()).toEqual(clientSees.sort());
		// Emails quoting these fields: the invitation (contact), the message digest (message, project),
		// the quote and contract notifications (titles) and the new-lead email (name and answers).
		for (const m of ['XCONTACT', 'XMSG', 'XQTITLE', 'XCTITLE', 'XLEAD', 'XBRIEF'] as Marker[])
			expect(inEmails.has(m), `${FIELDS[m]} in an email`).toBe(true);
	});
});
