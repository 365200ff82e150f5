import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SETTINGS_DEMO } from '../worker/dev/seed/ids';
import { feedbackResponses, leads, workspaces } from '../db/schema';
import { DEMO, emailsTo, eventually, hosts, request, seed, sessionCookie, testServices } from './helpers';

const ownerCookie = (services: ReturnType<typeof testServices>) =>
	sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });

describe('sign-up pages', () => {
	it('asks for the details, emails a link, and creates the workspace and a session only on confirmation', async () => {
		const services = await seed(testServices());
		const bad = await request(hosts.dashboard, '/signup', {
			form: { workspaceName: 'Bright Pixel', slug: 'admin', name: 'Bea', email: 'bea@bright.test' }
		});
		expect(bad.status).toBe(422);
		const badHtml = await bad.text();
		expect(badHtml).toContain('is reserved');
		expect(badHtml).toContain('value="Bright Pixel"');
		expect(badHtml).toContain('value="bea@bright.test"');

		const ok = await request(hosts.dashboard, '/signup', {
			form: { workspaceName: 'Bright Pixel', slug: 'bright-pixel', name: 'Bea', email: 'bea@bright.test' }
		});
		expect(await ok.text()).toContain('Check your email');
		const [mail] = await eventually(async () => {
			const list = await emailsTo(services, 'bea@bright.test');
			expect(list).toHaveLength(1);
			return list;
		});
		const link = new URL(/(http:\/\/\S+\/signup\/confirm\?token=[\w-]+)/.exec(mail.text)![1]);
		const confirmPage = await request(hosts.dashboard, link.pathname + link.search, {
			headers: { accept: 'text/html' }
		});
		expect(await confirmPage.text()).toContain('http://bright-pixel.localhost:8787/');
		expect(await services.db.select().from(workspaces).where(eq(workspaces.slug, 'bright-pixel'))).toEqual([]);

		const created = await request(hosts.dashboard, link.pathname + link.search, { method: 'POST', form: {} });
		expect(created.status).toBe(303);
		expect(created.headers.get('location')).toBe('/?welcome=1');
		const cookie = created.headers.get('set-cookie')!.split(';')[0];
		const home = await (await request(hosts.dashboard, '/?welcome=1', { cookie })).text();
		expect(home).toContain('Your workspace is ready');
		expect(home).toContain('http://bright-pixel.localhost:8787/');
		expect(home).toContain('Get started');
		const again = await request(hosts.dashboard, link.pathname + link.search, { method: 'POST', form: {} });
		expect(await again.text()).toContain('already been used');
		expect(await services.db.select().from(workspaces).where(eq(workspaces.slug, 'bright-pixel'))).toHaveLength(1);
	});
});

describe('settings pages', () => {
	it('keep clients and visitors out of staff settings', async () => {
		const services = await seed(testServices());
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		for (const path of ['/settings', '/settings/branding', '/settings/team', '/leads', '/activity']) {
			const res = await request(hosts.dashboard, path, { cookie: casey });
			expect(res.status, path).toBe(303);
			expect(res.headers.get('location'), path).toMatch(/^\/login/);
		}
		expect((await request(hosts.demo, '/settings', { cookie: casey, headers: { accept: 'text/html' } })).status).toBe(
			404
		);
	});

	it('show the portal address to copy and save workspace settings with field errors', async () => {
		const services = await seed(testServices());
		const cookie = await ownerCookie(services);
		const page = await (await request(hosts.dashboard, '/settings', { cookie })).text();
		expect(page).toContain('href="http://demo.localhost:8787/"');
		expect(page).toContain('>Payments<');
		const bad = await request(hosts.dashboard, '/settings', { cookie, form: { name: '', defaultCurrency: 'dollars' } });
		expect(bad.status).toBe(422);
		const html = await bad.text();
		expect(html).toContain('Enter the workspace name.');
		expect(html).toContain('Choose a currency');
		const good = await request(hosts.dashboard, '/settings', {
			cookie,
			form: { name: 'Demo Studio Ltd', defaultCurrency: 'ngn' }
		});
		expect(await good.text()).toContain('Workspace settings saved.');
		expect((await services.db.select().from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)))[0]).toMatchObject({
			name: 'Demo Studio Ltd',
			defaultCurrency: 'NGN'
		});
	});

	it('switch overdue invoice reminders off and change their cadence, with the error next to the field', async () => {
		const services = await seed(testServices());
		const cookie = await ownerCookie(services);
		const page = await (await request(hosts.dashboard, '/settings', { cookie })).text();
		expect(page).toMatch(/<input type="checkbox" name="overdueReminders" value="on"[^>]* checked/);
		expect(page).toContain('Remind clients about overdue invoices');
		expect(page).toMatch(/<input id="ws-cadence" name="reminderCadenceDays"[^>]*value="7"/);
		// An unticked box posts only the hidden "off".
		const bad = await request(hosts.dashboard, '/settings', {
			cookie,
			form: { name: 'Demo Studio', defaultCurrency: 'USD', overdueReminders: 'off', reminderCadenceDays: '0' }
		});
		expect(bad.status).toBe(422);
		const html = await bad.text();
		expect(html).toMatch(/id="ws-cadence-error"[^>]*>[^<]*Enter a number of days from 1 to 60\./);
		expect(html).toMatch(/<input id="ws-cadence" name="reminderCadenceDays"[^>]*value="0"/);
		expect(html).not.toMatch(/name="overdueReminders" value="on"[^>]* checked/);
		const good = await request(hosts.dashboard, '/settings', {
			cookie,
			form: { name: 'Demo Studio', defaultCurrency: 'USD', overdueReminders: 'off', reminderCadenceDays: '14' }
		});
		expect(await good.text()).toContain('Workspace settings saved.');
		expect((await services.db.select().from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)))[0]).toMatchObject({
			overdueReminders: false,
			reminderCadenceDays: 14
		});
	});

	it('preview the branding and warn about low contrast without refusing it', async () => {
		const services = await seed(testServices());
		const cookie = await ownerCookie(services);
		const saved = await request(hosts.dashboard, '/settings/branding?/save', {
			cookie,
			form: {
				displayName: 'Demo',
				brandColor: '#ff0000',
				accentColor: '#0f766e',
				welcomeMessage: '',
				emailSenderName: ''
			}
		});
		const html = await saved.text();
		expect(html).toContain('Branding saved.');
		expect(html).toContain('below the recommended 4.5:1');
		expect(html).toMatch(/--p-brand:\s*#ff0000/);
		const portal = await (await request(hosts.demo, '/login', { headers: { accept: 'text/html' } })).text();
		expect(portal).toContain('--brand: #ff0000');
	});

	it('upload a logo through the form, refusing SVG next to the field', async () => {
		const services = await seed(testServices());
		const cookie = await ownerCookie(services);
		const form = new FormData();
		form.set('logo', new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.png', { type: 'image/png' }));
		const res = await request(hosts.dashboard, '/settings/branding?/logo', {
			cookie,
			body: form,
			headers: { accept: 'text/html' }
		});
		expect(res.status).toBe(415);
		expect(await res.text()).toContain('SVG logos are not accepted');
		const logo = await request(hosts.dashboard, '/settings/branding/logo', { cookie });
		expect(logo.headers.get('content-type')).toBe('image/png');
	});

	it('let a staff member switch off emails', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		const res = await request(hosts.dashboard, '/settings/notifications', {
			cookie,
			body: new URLSearchParams([
				['topics', 'messages'],
				['topics', 'payments']
			]),
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
		});
		expect(await res.text()).toContain('Your email preferences are saved.');
		const member = await services.db.query.memberships.findFirst({
			where: (m, { eq }) => eq(m.userId, DEMO.memberUserId)
		});
		expect(member?.emailPrefs).toEqual({
			messages: true,
			files: false,
			quotes: false,
			contracts: false,
			payments: true,
			leads: false,
			feedback: false
		});
	});

	it('show members the team without the controls, and owners with them', async () => {
		const services = await seed(testServices());
		const member = await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		const asMember = await (await request(hosts.dashboard, '/settings/team', { cookie: member })).text();
		expect(asMember).toContain('Olivia Owner');
		expect(asMember).not.toContain('Send invitation');
		const asOwner = await (
			await request(hosts.dashboard, '/settings/team', { cookie: await ownerCookie(services) })
		).text();
		expect(asOwner).toContain('Send invitation');
		// The product's one label convention: optional fields say so (with a space), required ones carry `required`.
		const labels = asOwner.replace(/<!--.*?-->/g, '');
		expect(labels).toContain('<label for="invite-name">Name <span class="muted small">(optional)</span></label>');
		expect(labels).toContain('<label for="invite-email">Email address</label>');
		expect(labels).toMatch(/<input id="invite-email"[^>]* required/);
		const last = await request(hosts.dashboard, '/settings/team?/remove', {
			cookie: await ownerCookie(services),
			form: { membershipId: 'mem_demo_owner' }
		});
		expect(last.status).toBe(409);
		expect(await last.text()).toContain('at least one owner');
	});
});

describe('intake form on the portal', () => {
	it('shows a published form to anyone, keeps answers on errors and thanks on success', async () => {
		const services = await seed(testServices());
		const page = await (
			await request(hosts.demo, `/forms/${SETTINGS_DEMO.intakeFormSlug}`, { headers: { accept: 'text/html' } })
		).text();
		expect(page).toContain('<h1>Project enquiry</h1>');
		expect(page).toContain('<label for="q-email">Email');
		const bad = await request(hosts.demo, `/forms/${SETTINGS_DEMO.intakeFormSlug}`, {
			form: { name: 'Dee', email: 'dee@', f_brief: 'Kept text', website: '' }
		});
		expect(bad.status).toBe(422);
		const html = await bad.text();
		expect(html).toContain('Enter a valid email address');
		expect(html).toContain('Please choose an option.');
		expect(html).toContain('>Kept text</textarea>');
		expect(html).toContain('value="dee@"');
		const before = (await services.db.select().from(leads)).length;
		const ok = await request(hosts.demo, `/forms/${SETTINGS_DEMO.intakeFormSlug}`, {
			form: { name: 'Dee Dee', email: 'dee@example.com', f_service: 'Website', f_brief: 'A site', website: '' }
		});
		expect(await ok.text()).toContain('Thank you!');
		expect(await services.db.select().from(leads)).toHaveLength(before + 1);
		await services.settle();
	});

	it("hides drafts and other workspaces' forms", async () => {
		await seed(testServices());
		expect((await request(hosts.demo, '/forms/workshop', { headers: { accept: 'text/html' } })).status).toBe(404);
		expect(
			(await request(hosts.acme, `/forms/${SETTINGS_DEMO.intakeFormSlug}`, { headers: { accept: 'text/html' } })).status
		).toBe(404);
	});
});

describe('feedback pages', () => {
	it('give the client a star rating form on the completed project, and a Feedback tab only there', async () => {
		const services = await seed(testServices());
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const page = await (
			await request(hosts.demo, `/projects/${DEMO.brandProjectId}/feedback`, { cookie: casey })
		).text();
		expect(page).toMatch(/<input class="visually-hidden" type="radio" id="rating-5" name="rating" value="5" checked/);
		expect(page).toContain(`href="/projects/${DEMO.brandProjectId}/feedback"`);
		const website = await (await request(hosts.demo, `/projects/${DEMO.websiteProjectId}`, { cookie: casey })).text();
		expect(website).not.toContain(`/projects/${DEMO.websiteProjectId}/feedback`);

		const res = await request(hosts.demo, `/projects/${DEMO.brandProjectId}/feedback`, {
			cookie: casey,
			form: { requestId: SETTINGS_DEMO.feedbackRequestId, rating: '4', comment: 'Still great' }
		});
		expect(await res.text()).toContain('Your rating of 4 out of 5 is saved');
		expect(
			(
				await services.db
					.select()
					.from(feedbackResponses)
					.where(eq(feedbackResponses.requestId, SETTINGS_DEMO.feedbackRequestId))
			)[0]
		).toMatchObject({ rating: 4, comment: 'Still great' });
		await services.settle();
	});

	it("refuse another client's project", async () => {
		const services = await seed(testServices());
		const oscar = await sessionCookie(services, { contactId: DEMO.oscarContactId });
		const res = await request(hosts.demo, `/projects/${DEMO.brandProjectId}/feedback`, {
			cookie: oscar,
			headers: { accept: 'text/html' }
		});
		expect(res.status).toBe(404);
		const post = await request(hosts.demo, `/projects/${DEMO.globexProjectId}/feedback`, {
			cookie: oscar,
			form: { requestId: SETTINGS_DEMO.feedbackRequestId, rating: '1' }
		});
		expect([403, 404]).toContain(post.status);
		expect(
			(
				await services.db
					.select()
					.from(feedbackResponses)
					.where(eq(feedbackResponses.requestId, SETTINGS_DEMO.feedbackRequestId))
			)[0].rating
		).toBe(5);
	});

	it('let staff close a request; the client then sees the answer read-only', async () => {
		const services = await seed(testServices());
		const cookie = await ownerCookie(services);
		const tab = await (await request(hosts.dashboard, `/projects/${DEMO.brandProjectId}/feedback`, { cookie })).text();
		expect(tab).toContain('The new logo has had so many compliments');
		const closed = await request(hosts.dashboard, `/projects/${DEMO.brandProjectId}/feedback?/close`, {
			cookie,
			form: { requestId: SETTINGS_DEMO.feedbackRequestId }
		});
		expect(await closed.text()).toContain('the answer is final');
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const portal = await (
			await request(hosts.demo, `/projects/${DEMO.brandProjectId}/feedback`, { cookie: casey })
		).text();
		expect(portal).toContain('This feedback request is closed.');
		expect(portal).not.toContain('type="radio"');
	});
});

describe('leads and activity pages', () => {
	it('show the pipeline by stage, move a lead with a plain form, and list the activity', async () => {
		const services = await seed(testServices());
		const cookie = await ownerCookie(services);
		const board = await (await request(hosts.dashboard, '/leads', { cookie })).text();
		for (const name of ['Priya Patel', 'Ana Lima', 'Kwame Mensah', 'Jo Fischer', 'Sam Reed'])
			expect(board).toContain(name);
		expect(board).not.toContain('Wile Coyote');
		const moved = await request(hosts.dashboard, '/leads?/move', {
			cookie,
			form: { leadId: SETTINGS_DEMO.leadNewId, stage: 'contacted' }
		});
		expect(await moved.text()).toContain('Lead moved to Contacted.');
		const feed = await (await request(hosts.dashboard, '/activity', { cookie })).text();
		expect(feed).toContain('Olivia Owner moved the lead Priya Patel to Contacted');
	});

	it('page the activity feed with the shared pager, keeping the filter and working without JS', async () => {
		const services = await seed(testServices());
		const cookie = await ownerCookie(services);
		const filter = `clientId=${DEMO.northwindId}&pageSize=1`;
		const first = await (await request(hosts.dashboard, `/activity?${filter}`, { cookie })).text();
		expect(first).toContain('aria-label="Activity pages"');
		expect(first).toContain('Page 1');
		expect(first).toContain(`href="/activity?${filter.replace('&', '&amp;')}&amp;page=2" rel="next"`);
		expect(first).not.toContain('rel="prev"');
		const second = await (await request(hosts.dashboard, `/activity?${filter}&page=2`, { cookie })).text();
		expect(second).toContain('Page 2');
		// Back to the first page: the page parameter goes, the filter stays.
		expect(second).toContain(`href="/activity?${filter.replace('&', '&amp;')}" rel="prev"`);
	});
});
