import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailLog, workspaces } from '../../db/schema';
import { CORE, SETTINGS_DEMO } from '../../worker/dev/seed/ids';
import { DEMO, emailsTo, hosts, request, requestSettled, seed, sessionCookie, testServices } from '../helpers';

// An email we send to an address nobody has vouched for (a sign-up, a team or
// portal invitation) must not carry a stranger's text where it could phish: no
// user text in the subject, fixed wording, and the names that do appear are
// plain (no links, no control characters), refused with a 422 on the field.

const PHISH = 'Security Team: verify your account at https://evil.example/login';

async function owner() {
	const services = await seed(testServices());
	return {
		services,
		cookie: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId })
	};
}

async function fieldsOf(res: Response) {
	expect(res.status).toBe(422);
	return ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields;
}

describe('sign-up email', () => {
	it('refuses a link or control characters in the business or person name, on the API and the form, and sends nothing', async () => {
		const services = await seed(testServices());
		const base = {
			workspaceName: 'Bright Pixel',
			slug: 'bright-pixel',
			name: 'Bea Bright',
			email: 'victim@example.test'
		};
		expect(
			await fieldsOf(await requestSettled(hosts.dashboard, '/api/signup', { json: { ...base, workspaceName: PHISH } }))
		).toEqual({ workspaceName: expect.stringMatching(/link/) });
		expect(
			await fieldsOf(await requestSettled(hosts.dashboard, '/api/signup', { json: { ...base, name: 'Bea\r\nBcc: x' } }))
		).toEqual({ name: expect.stringMatching(/plain text/) });
		expect(
			await fieldsOf(
				await requestSettled(hosts.dashboard, '/api/signup', { json: { ...base, name: 'Go to evil.example now' } })
			)
		).toEqual({ name: expect.stringMatching(/link/) });
		const page = await requestSettled(hosts.dashboard, '/signup', { form: { ...base, workspaceName: PHISH } });
		expect(page.status).toBe(422);
		expect(await page.text()).toMatch(/<p class="field-error" id="signup-workspace-error">[^<]*link/);
		expect(await emailsTo(services, 'victim@example.test')).toEqual([]);
	});

	it('has a fixed subject and wording: neither name the visitor typed is in it', async () => {
		const services = await seed(testServices());
		const res = await requestSettled(hosts.dashboard, '/api/signup', {
			json: {
				workspaceName: 'Zebra Unique Works',
				slug: 'zebra-works',
				name: 'Quentin Quill',
				email: 'someone@example.test'
			}
		});
		expect(res.status).toBe(202);
		const [mail] = await emailsTo(services, 'someone@example.test');
		expect(mail.subject).toBe('Confirm your email to create a CoPortal workspace');
		for (const typed of ['Zebra Unique Works', 'Quentin Quill']) {
			expect(mail.subject).not.toContain(typed);
			expect(mail.text).not.toContain(typed);
			expect(mail.html).not.toContain(typed);
		}
		// The portal address (slug: lowercase letters, digits, hyphens) tells them what they asked for.
		expect(mail.text).toContain('zebra-works.localhost');
	});
});

describe('team invitation email', () => {
	it('refuses a link in the invitee’s name, and keeps names out of the subject', async () => {
		const { services, cookie } = await owner();
		expect(
			await fieldsOf(
				await request(hosts.dashboard, '/api/settings/team', {
					cookie,
					json: { email: 'new@example.test', name: PHISH, role: 'member' }
				})
			)
		).toEqual({ name: expect.stringMatching(/link/) });
		const ok = await request(hosts.dashboard, '/api/settings/team', {
			cookie,
			json: { email: 'new@example.test', name: 'New Person', role: 'member' }
		});
		expect(ok.status).toBe(201);
		const [mail] = await emailsTo(services, 'new@example.test');
		expect(mail.subject).toBe('You’re invited to join a team on CoPortal');
		expect(mail.text).toContain('Olivia Owner invited you to the Demo Studio dashboard');
	});

	it('leaves out a stored name that is not plain (written before these rules)', async () => {
		const { services, cookie } = await owner();
		await services.db.update(workspaces).set({ name: PHISH }).where(eq(workspaces.id, DEMO.workspaceId));
		const res = await request(hosts.dashboard, '/api/settings/team', {
			cookie,
			json: { email: 'other@example.test', name: 'Other Person', role: 'member' }
		});
		expect(res.status).toBe(201);
		const [mail] = await emailsTo(services, 'other@example.test');
		expect(mail.text + mail.html + mail.subject).not.toContain('evil.example');
	});
});

describe('portal invitation email', () => {
	it('has a fixed subject and leaves out the free-text welcome message', async () => {
		const { services, cookie } = await owner();
		await services.db
			.update(workspaces)
			.set({ welcomeMessage: 'Your bank asks you to confirm your details at https://evil.example' })
			.where(eq(workspaces.id, DEMO.workspaceId));
		const res = await request(
			hosts.dashboard,
			`/api/clients/${DEMO.northwindId}/contacts/${CORE.ninaContactId}/invite`,
			{ method: 'POST', cookie, json: {} }
		);
		expect(res.status).toBeLessThan(300);
		const [mail] = await emailsTo(services, CORE.ninaEmail);
		expect(mail.subject).toBe('Your client portal invitation');
		expect(mail.text + mail.html).not.toContain('evil.example');
		expect(mail.text).toContain('Demo Studio');
	});

	it('refuses a link in a contact’s name, the workspace name, display name and sender name', async () => {
		const { cookie } = await owner();
		expect(
			await fieldsOf(
				await request(hosts.dashboard, `/api/clients/${DEMO.northwindId}/contacts`, {
					cookie,
					json: { name: PHISH, email: 'c@example.test' }
				})
			)
		).toMatchObject({ name: expect.stringMatching(/link/) });
		expect(
			await fieldsOf(
				await request(hosts.dashboard, `/api/clients/${DEMO.northwindId}/contacts/${CORE.ninaContactId}`, {
					method: 'PATCH',
					cookie,
					json: { name: 'Nina\u202eevil' }
				})
			)
		).toMatchObject({ name: expect.stringMatching(/plain text/) });
		expect(
			await fieldsOf(
				await request(hosts.dashboard, '/api/clients', {
					cookie,
					json: { name: 'Fine Client Ltd', contactName: PHISH, contactEmail: 'd@example.test' }
				})
			)
		).toMatchObject({ contactName: expect.stringMatching(/link/) });
		expect(
			await fieldsOf(
				await request(hosts.dashboard, '/api/settings/workspace', {
					method: 'PUT',
					cookie,
					json: { name: PHISH, defaultCurrency: 'USD' }
				})
			)
		).toMatchObject({ name: expect.stringMatching(/link/) });
		const branding = {
			displayName: 'Demo',
			brandColor: '#4f46e5',
			accentColor: '#0f766e',
			welcomeMessage: '',
			emailSenderName: ''
		};
		expect(
			await fieldsOf(
				await request(hosts.dashboard, '/api/settings/branding', {
					method: 'PUT',
					cookie,
					json: { ...branding, displayName: PHISH }
				})
			)
		).toMatchObject({ displayName: expect.stringMatching(/link/) });
		expect(
			await fieldsOf(
				await request(hosts.dashboard, '/api/settings/branding', {
					method: 'PUT',
					cookie,
					json: { ...branding, emailSenderName: 'paypal.com support' }
				})
			)
		).toMatchObject({ emailSenderName: expect.stringMatching(/link/) });
	});
});

describe('lead notification email', () => {
	it('keeps the anonymous visitor’s text out of the subject of an email sent as CoPortal', async () => {
		const { services } = await owner();
		const res = await requestSettled(hosts.demo, `/api/public/forms/${SETTINGS_DEMO.intakeFormSlug}`, {
			json: { name: PHISH, email: 'lead@example.test', f_service: 'Branding', f_brief: 'Hello' }
		});
		expect(res.status).toBe(201);
		const sent = await services.db.select().from(emailLog).where(eq(emailLog.tag, 'lead'));
		expect(sent.length).toBeGreaterThan(0);
		for (const mail of sent) expect(mail.subject).not.toContain('evil.example');
	});
});
