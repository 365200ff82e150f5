import { describe, expect, it } from 'vitest';
import { ACME, DEMO, scopes, seed, testServices, workspace } from '../../tests/helpers';
import { inspectLoginLink, type LinkTarget } from '../domain/auth/consume-login-link';
import { mintLoginLink } from './mint-login-link';
import { seedDemoShards } from './seed';
import { SECOND_SHARD_DEMO as FJORD } from './seed/ids';

async function inspect(services: ReturnType<typeof testServices>, url: string, target: LinkTarget) {
	return inspectLoginLink({ services, token: new URL(url).searchParams.get('token'), target });
}

describe('mintLoginLink (development: the browser tests sign in with it)', () => {
	it('mints a staff link on the dashboard host and a client link on the contact’s own portal', async () => {
		const services = await seed(testServices());
		const { demo } = await scopes(services);

		const staff = await mintLoginLink({ services, input: { email: 'OWNER@demo.test' } });
		expect(staff.url.startsWith(services.urls.app('/auth/verify?token='))).toBe(true);
		expect(await inspect(services, staff.url, { side: 'dashboard' })).toMatchObject({
			status: 'valid',
			email: DEMO.ownerEmail
		});

		const client = await mintLoginLink({ services, input: { email: DEMO.caseyEmail, workspace: DEMO.slug } });
		expect(client.url.startsWith(services.urls.portal(demo, '/auth/verify?token='))).toBe(true);
		expect(await inspect(services, client.url, { side: 'portal', workspace: demo })).toMatchObject({
			status: 'valid',
			email: DEMO.caseyEmail
		});
	});

	it('mints an already-expired link when asked for a negative lifetime', async () => {
		const services = await seed(testServices());
		const { url } = await mintLoginLink({ services, input: { email: DEMO.ownerEmail, ttlSeconds: -60 } });
		expect(await inspect(services, url, { side: 'dashboard' })).toMatchObject({ status: 'expired', renewable: true });
	});

	it('refuses unknown people and a contact of another workspace', async () => {
		const services = await seed(testServices());
		await expect(mintLoginLink({ services, input: { email: 'nobody@demo.test' } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			mintLoginLink({ services, input: { email: DEMO.caseyEmail, workspace: 'no-such-workspace' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			mintLoginLink({ services, input: { email: ACME.clientEmail, workspace: DEMO.slug } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			mintLoginLink({ services, input: { email: DEMO.ownerEmail, ttlSeconds: 'soon' } })
		).rejects.toMatchObject({ code: 'validation_failed' });
	});

	it('mints links for a workspace and a person on the second shard, used there', async () => {
		const services = testServices();
		await seedDemoShards(services);
		const shard2 = testServices({ shard: FJORD.shard });

		const staff = await mintLoginLink({ services, input: { email: FJORD.ownerEmail } });
		expect(await inspect(services, staff.url, { side: 'dashboard' })).toMatchObject({
			status: 'valid',
			payload: { userId: FJORD.ownerUserId, shard: FJORD.shard }
		});

		const fjord = await workspace(shard2, FJORD.workspaceId);
		const client = await mintLoginLink({ services, input: { email: FJORD.clientEmail, workspace: FJORD.slug } });
		expect(client.url.startsWith(services.urls.portal(fjord, '/auth/verify?token='))).toBe(true);
		expect(await inspect(shard2, client.url, { side: 'portal', workspace: fjord })).toMatchObject({
			status: 'valid',
			payload: { contactId: FJORD.contactId }
		});
	});
});
