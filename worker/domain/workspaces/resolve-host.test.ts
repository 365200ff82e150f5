import { describe, expect, it } from 'vitest';
import { resolveHost } from './resolve-host';

const dev = { appHost: 'localhost', portalDomain: 'localhost' };
const prod = { appHost: 'app.example.com', portalDomain: 'portal.example.com' };

describe('resolveHost', () => {
	it('maps the app host to the dashboard', () => {
		expect(resolveHost('localhost', dev)).toEqual({ side: 'dashboard' });
		expect(resolveHost('APP.example.com', prod)).toEqual({ side: 'dashboard' });
	});

	it('maps one label under the portal domain to a workspace slug', () => {
		expect(resolveHost('demo.localhost', dev)).toEqual({ side: 'portal', slug: 'demo' });
		expect(resolveHost('acme.portal.example.com', prod)).toEqual({ side: 'portal', slug: 'acme' });
	});

	it('treats deeper subdomains and other hosts as custom domains, never as a slug', () => {
		expect(resolveHost('a.b.portal.example.com', prod)).toEqual({
			side: 'portal',
			customDomain: 'a.b.portal.example.com'
		});
		expect(resolveHost('clients.agency.com', prod)).toEqual({ side: 'portal', customDomain: 'clients.agency.com' });
		expect(resolveHost('portal.example.com', prod)).toEqual({ side: 'portal', customDomain: 'portal.example.com' });
	});

	it('reads a fully qualified name (trailing dot) and any case as the same host', () => {
		expect(resolveHost('localhost.', dev)).toEqual({ side: 'dashboard' });
		expect(resolveHost('Demo.LocalHost.', dev)).toEqual({ side: 'portal', slug: 'demo' });
		expect(resolveHost('app.example.com.', prod)).toEqual({ side: 'dashboard' });
		expect(resolveHost('Clients.Agency.com.', prod)).toEqual({ side: 'portal', customDomain: 'clients.agency.com' });
	});
});
