import { describe, expect, it } from 'vitest';
import { DEMO, ACME, seed, sessionCookie, testServices } from '../../../tests/helpers';
import { loadRequestContext } from './load-request-context';

describe('loadRequestContext', () => {
	it('resolves a client session on its own portal', async () => {
		const services = await seed(testServices());
		const cookie = (await sessionCookie(services, { contactId: DEMO.caseyContactId })).split('=')[1];
		const ctx = await loadRequestContext({
			services,
			host: { side: 'portal', slug: 'demo' },
			sessionCookie: cookie,
			ip: null
		});
		expect(ctx.workspace?.id).toBe(DEMO.workspaceId);
		expect(ctx.actor).toMatchObject({ kind: 'client', contactId: DEMO.caseyContactId, clientId: DEMO.northwindId });
	});

	it('ignores a client session on another workspace portal', async () => {
		const services = await seed(testServices());
		const cookie = (await sessionCookie(services, { contactId: DEMO.caseyContactId })).split('=')[1];
		const ctx = await loadRequestContext({
			services,
			host: { side: 'portal', slug: ACME.slug },
			sessionCookie: cookie,
			ip: null
		});
		expect(ctx.workspace?.id).toBe(ACME.workspaceId);
		expect(ctx.actor.kind).toBe('anonymous');
	});
});
