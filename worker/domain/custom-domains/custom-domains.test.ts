import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { workspaces } from '../../../db/schema';
import {
	ACME,
	DEMO,
	emailsTo,
	hosts,
	linkIn,
	request,
	scopes,
	seed,
	sessionCookie,
	staffActor,
	testClock,
	testServices,
	workspace,
	type TestServices
} from '../../../tests/helpers';
import { WHITE_LABEL_DEMO as W } from '../../dev/seed/ids';
import { requestPortalLoginLink } from '../auth/request-login-link';
import type { Scope } from '../scope';
import { checkCustomDomain } from './check-custom-domain';
import { connectCustomDomain } from './connect-custom-domain';
import { customDomainSchema } from './custom-domain-input';
import { getCustomDomain } from './get-custom-domain';
import { refreshPendingCustomDomains } from './refresh-custom-domains';
import { removeCustomDomain } from './remove-custom-domain';

const PORT = hosts.demo.split(':')[1];
const at = (hostname: string) => `${hostname}:${PORT}`;

async function fresh(services: TestServices, id: string): Promise<Scope> {
	const { demoOwner, acmeOwner } = await scopes(services);
	const scope = id === DEMO.workspaceId ? demoOwner : acmeOwner;
	return { ...scope, workspace: await workspace(services, id) };
}

/** Cloudflare's custom hostname API, stubbed at the fetch boundary: records calls, answers with `state`. */
function cloudflareStub(state: { status: string; ssl: string }) {
	const calls: { method: string; url: string; body: unknown; auth: string | null }[] = [];
	const stubFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		const method = init?.method ?? 'GET';
		calls.push({
			method,
			url,
			body: init?.body ? JSON.parse(String(init.body)) : null,
			auth: new Headers(init?.headers).get('authorization')
		});
		if (!url.startsWith('https://api.cloudflare.com/client/v4/zones/zone123/custom_hostnames'))
			return new Response('unexpected', { status: 500 });
		if (method === 'DELETE') return Response.json({ success: true, errors: [], result: { id: 'ch_1' } });
		const hostname =
			method === 'POST' ? (JSON.parse(String(init!.body)) as { hostname: string }).hostname : 'portal.pixel.example';
		return Response.json({
			success: true,
			errors: [],
			result: {
				id: 'ch_1',
				hostname,
				status: state.status,
				ssl: { status: state.ssl },
				ownership_verification: { type: 'txt', name: `_cf-custom-hostname.${hostname}`, value: 'cf-owner-token' }
			}
		});
	}) as typeof globalThis.fetch;
	return { calls, fetch: stubFetch };
}

function withCloudflare(services: TestServices): TestServices {
	services.config = { ...services.config, cloudflare: { zoneId: 'zone123', apiToken: 'tok_secret' } };
	return services;
}

describe('connecting a custom domain', () => {
	it('refuses what is not a domain the agency can own, next to the field', async () => {
		const services = await seed(testServices());
		const owner = await fresh(services, DEMO.workspaceId);
		for (const [hostname, message] of [
			['', /Enter a domain/],
			['agency.com', /subdomain/],
			['portal agency.com', /letters, digits/],
			['-bad.agency.com', /letters, digits/],
			['acme.localhost', /subdomain|CoPortal address/],
			['localhost', /CoPortal address|subdomain/]
		] as const) {
			await expect(connectCustomDomain({ ...owner, input: { hostname } }), hostname).rejects.toMatchObject({
				code: 'validation_failed',
				fields: { hostname: expect.stringMatching(message) }
			});
		}
	});

	it('never accepts one of our own hosts in production', () => {
		const schema = customDomainSchema({
			appHost: 'app.example.com',
			portalDomain: 'portal.example.com',
			isDevelopment: false
		});
		for (const hostname of [
			'acme.portal.example.com',
			'a.b.portal.example.com',
			'x.app.example.com',
			'app.example.com'
		]) {
			expect(schema.safeParse({ hostname }).success, hostname).toBe(false);
		}
		expect(schema.parse({ hostname: 'https://Portal.Agency.com/login' })).toEqual({ hostname: 'portal.agency.com' });
	});

	it('only owners connect, check or remove; members and clients cannot', async () => {
		const services = await seed(testServices());
		const demo = await workspace(services, DEMO.workspaceId);
		const member: Scope = {
			services,
			workspace: demo,
			actor: await staffActor(services, DEMO.workspaceId, DEMO.memberUserId)
		};
		const { casey } = await scopes(services);
		for (const scope of [member, casey]) {
			await expect(
				connectCustomDomain({ ...scope, input: { hostname: 'portal.pixel.localhost' } })
			).rejects.toMatchObject({ code: 'forbidden' });
			await expect(checkCustomDomain(scope)).rejects.toMatchObject({ code: 'forbidden' });
			await expect(removeCustomDomain(scope)).rejects.toMatchObject({ code: 'forbidden' });
		}
		await expect(getCustomDomain(casey)).rejects.toMatchObject({ code: 'forbidden' });
		expect((await workspace(services, DEMO.workspaceId)).customDomain).toBeNull();
	});

	it('gives a hostname to one workspace only (no takeover of another workspace’s domain)', async () => {
		const services = await seed(testServices());
		await connectCustomDomain({
			...(await fresh(services, DEMO.workspaceId)),
			input: { hostname: 'Portal.Pixel.localhost.' }
		});
		expect((await workspace(services, DEMO.workspaceId)).customDomain).toBe('portal.pixel.localhost');
		await expect(
			connectCustomDomain({
				...(await fresh(services, ACME.workspaceId)),
				input: { hostname: 'portal.pixel.localhost' }
			})
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { hostname: expect.stringMatching(/another workspace/) }
		});
		// The seeded, verified domain of another workspace cannot be claimed either.
		await expect(
			connectCustomDomain({ ...(await fresh(services, ACME.workspaceId)), input: { hostname: W.customDomain } })
		).rejects.toMatchObject({ code: 'validation_failed' });
		expect((await workspace(services, ACME.workspaceId)).customDomain).toBeNull();
		// A second domain needs the first removed.
		await expect(
			connectCustomDomain({
				...(await fresh(services, DEMO.workspaceId)),
				input: { hostname: 'clients.pixel.localhost' }
			})
		).rejects.toMatchObject({ code: 'conflict' });
	});
});

describe('the portal on a custom domain', () => {
	it('serves nothing while pending, the portal once verified, and the slug subdomain throughout', async () => {
		const services = await seed(testServices());
		const owner = await fresh(services, DEMO.workspaceId);
		await connectCustomDomain({ ...owner, input: { hostname: 'portal.pixel.localhost' } });
		const settings = await getCustomDomain(owner);
		expect(settings.provider).toBe('stand-in');
		expect(settings.domain).toMatchObject({ hostname: 'portal.pixel.localhost', status: 'pending', url: null });
		expect(settings.domain!.records.map((r) => r.type)).toEqual(['CNAME', 'TXT']);
		expect(settings.domain!.records[1].name).toBe('_coportal.portal.pixel.localhost');

		const pending = await request(at('portal.pixel.localhost'), '/login', { headers: { accept: 'text/html' } });
		expect(pending.status).toBe(404);
		expect(await pending.text()).not.toContain('Demo Studio');

		expect(await checkCustomDomain(owner)).toMatchObject({ status: 'active', sslStatus: 'active' });
		const live = await request(at('portal.pixel.localhost'), '/login', { headers: { accept: 'text/html' } });
		expect(live.status).toBe(200);
		expect(await live.text()).toContain('Demo Studio');
		expect((await request(hosts.demo, '/login', { headers: { accept: 'text/html' } })).status).toBe(200);

		// A client session from the demo portal works on its custom domain (same workspace), not another workspace's.
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		expect(
			(await request(at('portal.pixel.localhost'), '/', { cookie: casey, headers: { accept: 'text/html' } })).status
		).toBe(200);
		expect((await request(at(W.customDomain), '/', { cookie: casey, headers: { accept: 'text/html' } })).status).toBe(
			303
		);

		await removeCustomDomain(owner);
		expect((await request(at('portal.pixel.localhost'), '/login', { headers: { accept: 'text/html' } })).status).toBe(
			404
		);
		expect((await workspace(services, DEMO.workspaceId)).customDomainStatus).toBeNull();
	});

	it('puts the verified domain in sign-in links and brands the email with the agency’s reply-to and footer, without "Powered by"', async () => {
		const services = await seed(testServices());
		const brightside = await workspace(services, W.workspaceId);
		await requestPortalLoginLink({ services, workspace: brightside, input: { email: W.clientEmail }, ip: null });
		await services.settle();
		const [mail] = await emailsTo(services, W.clientEmail);
		expect(linkIn(mail.text)).toMatch(
			new RegExp(`^http://${W.customDomain.replace(/\./g, '\\.')}:${PORT}/auth/verify`)
		);
		expect(mail.from).toContain('"Brightside Creative"');
		expect(mail.from).not.toContain('brightside.test');
		expect(mail.replyTo).toBe(W.replyTo);
		expect(mail.html).toContain('Brightside Creative Ltd · 12 Harbour Road, Accra');
		expect(mail.text).toContain('Brightside Creative Ltd');
		expect(mail.html).not.toContain('Powered by CoPortal');

		// The same email of a workspace that keeps the defaults: slug link, "Powered by", no reply-to.
		const demo = await workspace(services, DEMO.workspaceId);
		await requestPortalLoginLink({ services, workspace: demo, input: { email: DEMO.caseyEmail }, ip: null });
		await services.settle();
		const [demoMail] = await emailsTo(services, DEMO.caseyEmail);
		expect(linkIn(demoMail.text)).toMatch(/^http:\/\/demo\.localhost:/);
		expect(demoMail.html).toContain('Powered by CoPortal');
	});

	it('escapes the footer in the HTML and hides "Powered by CoPortal" on the portal when asked', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const { updateBranding } = await import('../branding/update-branding');
		const demo = await workspace(services, DEMO.workspaceId);
		const base = { brandColor: demo.brandColor, accentColor: demo.accentColor };
		await expect(
			updateBranding({ ...demoOwner, input: { ...base, emailReplyTo: 'not an email' } })
		).rejects.toMatchObject({ fields: { emailReplyTo: expect.stringMatching(/email address/) } });
		expect(await request(hosts.demo, '/login', { headers: { accept: 'text/html' } }).then((r) => r.text())).toContain(
			'Powered by CoPortal'
		);
		await updateBranding({
			...demoOwner,
			input: { ...base, emailReplyTo: ' Hello@Pixel.Example ', emailFooter: '<b>Pixel</b> & Co', hidePoweredBy: 'on' }
		});
		const saved = await workspace(services, DEMO.workspaceId);
		expect(saved).toMatchObject({
			emailReplyTo: 'hello@pixel.example',
			emailFooter: '<b>Pixel</b> & Co',
			hidePoweredBy: true
		});
		await requestPortalLoginLink({ services, workspace: saved, input: { email: DEMO.caseyEmail }, ip: null });
		await services.settle();
		const [mail] = await emailsTo(services, DEMO.caseyEmail);
		expect(mail.html).toContain('&lt;b&gt;Pixel&lt;/b&gt; &amp; Co');
		expect(mail.html).not.toContain('<b>Pixel</b>');
		const page = await (await request(hosts.demo, '/login', { headers: { accept: 'text/html' } })).text();
		expect(page).toContain('Client portal of');
		expect(page).not.toContain('Powered by CoPortal');
	});
});

describe('Cloudflare for SaaS', () => {
	it('creates the custom hostname, shows Cloudflare’s TXT record, goes live only when ownership and certificate are active, and deletes it', async () => {
		const cf = cloudflareStub({ status: 'pending', ssl: 'pending_validation' });
		const services = withCloudflare(await seed(testServices({ fetch: cf.fetch })));
		const owner = await fresh(services, DEMO.workspaceId);
		await connectCustomDomain({ ...owner, input: { hostname: 'portal.pixel.example' } });
		expect(cf.calls[0]).toMatchObject({
			method: 'POST',
			url: 'https://api.cloudflare.com/client/v4/zones/zone123/custom_hostnames',
			body: { hostname: 'portal.pixel.example' },
			auth: 'Bearer tok_secret'
		});
		const settings = await getCustomDomain(owner);
		expect(settings.provider).toBe('cloudflare');
		expect(settings.domain).toMatchObject({ status: 'pending', sslStatus: 'pending_validation' });
		expect(settings.domain!.records[1]).toMatchObject({
			type: 'TXT',
			name: '_cf-custom-hostname.portal.pixel.example',
			value: 'cf-owner-token'
		});

		// Ownership verified but no certificate yet: still pending (no portal without TLS).
		const half = cloudflareStub({ status: 'active', ssl: 'pending_validation' });
		services.fetch = half.fetch;
		expect(await checkCustomDomain(owner)).toMatchObject({ status: 'pending' });
		expect(half.calls[0]).toMatchObject({
			method: 'GET',
			url: 'https://api.cloudflare.com/client/v4/zones/zone123/custom_hostnames/ch_1'
		});

		// The cron finds it live (it was checked just now, so only once the interval has passed).
		const live = cloudflareStub({ status: 'active', ssl: 'active' });
		services.fetch = live.fetch;
		expect(await refreshPendingCustomDomains(services)).toBe(0);
		const later = Object.assign(Object.create(services) as TestServices, {
			clock: { now: () => testClock.now() + 10 * 60_000 }
		});
		expect(await refreshPendingCustomDomains(later)).toBe(1);
		expect(await workspace(services, DEMO.workspaceId)).toMatchObject({
			customDomainStatus: 'active',
			customDomainSslStatus: 'active'
		});

		await removeCustomDomain(owner);
		expect(live.calls.at(-1)).toMatchObject({
			method: 'DELETE',
			url: 'https://api.cloudflare.com/client/v4/zones/zone123/custom_hostnames/ch_1'
		});
		expect(
			(await services.db.select().from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)).get())?.customDomain
		).toBeNull();
	});

	it('releases the claim when Cloudflare refuses, with its reason', async () => {
		const refuse = (async () =>
			Response.json(
				{ success: false, errors: [{ code: 1409, message: 'Duplicate custom hostname found.' }], result: null },
				{ status: 409 }
			)) as typeof fetch;
		const services = withCloudflare(await seed(testServices({ fetch: refuse })));
		await expect(
			connectCustomDomain({ ...(await fresh(services, DEMO.workspaceId)), input: { hostname: 'portal.pixel.example' } })
		).rejects.toMatchObject({
			code: 'upstream_unavailable',
			message: expect.stringContaining('Duplicate custom hostname')
		});
		expect((await workspace(services, DEMO.workspaceId)).customDomain).toBeNull();
	});
});
