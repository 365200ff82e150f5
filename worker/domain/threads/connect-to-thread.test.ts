import { describe, expect, it } from 'vitest';
import { THREADS } from '../../dev/seed/ids';
import { ACME, DEMO, hosts, seed, sessionCookie, testServices } from '../../../tests/helpers';
import { openThreadSocket, ready } from '../../../tests/thread-sockets';
import { threadRoom } from './room';

async function cookies() {
	const services = await seed(testServices());
	return {
		services,
		casey: await sessionCookie(services, { contactId: DEMO.caseyContactId }),
		oscar: await sessionCookie(services, { contactId: DEMO.oscarContactId }),
		acmeClient: await sessionCookie(services, { contactId: ACME.clientContactId }),
		demoStaff: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId }),
		acmeStaff: await sessionCookie(services, { userId: ACME.ownerUserId, workspaceId: ACME.workspaceId })
	};
}

describe('thread socket authorization', () => {
	it('opens for the thread’s client on their portal and for the workspace’s staff on the dashboard', async () => {
		const c = await cookies();
		const client = await openThreadSocket(hosts.demo, THREADS.designId, { cookie: c.casey, after: 6 });
		expect(client.response.status).toBe(101);
		await client.socket!.until(ready);
		const staff = await openThreadSocket(hosts.dashboard, THREADS.pricingInternalId, { cookie: c.demoStaff });
		expect(staff.response.status).toBe(101);
		await staff.socket!.until(ready);
		expect(await threadRoom(c.services, THREADS.designId).connections()).toEqual({ staff: 0, client: 1 });
	});

	it('refuses everyone else before the upgrade reaches the room', async () => {
		const c = await cookies();
		const cases: [string, string, string | undefined, string, number][] = [
			['anonymous visitor', hosts.demo, undefined, THREADS.designId, 401],
			['anonymous on the dashboard', hosts.dashboard, undefined, THREADS.designId, 401],
			['another client of the same workspace', hosts.demo, c.oscar, THREADS.designId, 404],
			['a client on a staff-only thread of their own project', hosts.demo, c.casey, THREADS.pricingInternalId, 404],
			["a client on another client's thread", hosts.demo, c.casey, THREADS.globexId, 404],
			[
				'a client of another workspace, on their portal, with this thread id',
				hosts.acme,
				c.acmeClient,
				THREADS.designId,
				404
			],
			["a client's session on another workspace's portal", hosts.acme, c.casey, THREADS.acmeId, 401],
			['staff of another workspace', hosts.dashboard, c.acmeStaff, THREADS.designId, 404],
			['a forged thread id', hosts.demo, c.casey, 'thr_forged_000000000000', 404],
			['a client session on the dashboard host', hosts.dashboard, c.casey, THREADS.designId, 401]
		];
		for (const [who, host, cookie, threadId, status] of cases) {
			const { response, socket } = await openThreadSocket(host, threadId, { cookie });
			expect(response.status, who).toBe(status);
			expect(socket, who).toBeUndefined();
			expect(await response.json(), who).toMatchObject({
				error: { code: status === 401 ? 'unauthenticated' : 'not_found' }
			});
		}
		for (const threadId of [THREADS.designId, THREADS.pricingInternalId, THREADS.globexId]) {
			expect(await threadRoom(c.services, threadId).connections(), threadId).toEqual({ staff: 0, client: 0 });
		}
	});

	it('refuses a handshake from another origin (cross-site WebSocket hijacking) and a plain GET', async () => {
		const c = await cookies();
		const foreign = await openThreadSocket(hosts.demo, THREADS.designId, {
			cookie: c.casey,
			origin: 'https://evil.example'
		});
		expect(foreign.response.status).toBe(403);
		const sibling = await openThreadSocket(hosts.demo, THREADS.designId, {
			cookie: c.casey,
			origin: `http://${hosts.acme}`
		});
		expect(sibling.response.status).toBe(403);
		const same = await openThreadSocket(hosts.demo, THREADS.designId, {
			cookie: c.casey,
			origin: `http://${hosts.demo}`,
			after: 6
		});
		expect(same.response.status).toBe(101);
		const plain = await openThreadSocket(hosts.demo, THREADS.designId, { cookie: c.casey, upgrade: false });
		expect(plain.response.status).toBe(400);
	});
});
