import { describe, expect, it } from 'vitest';
import { DEMO, hosts, request, scopes, seed, sessionCookie, testServices } from '../helpers';
import { createClient } from '../../worker/domain/clients/create-client';
import { createProject } from '../../worker/domain/projects/create-project';

// D1 refuses a LIKE pattern longer than 50 bytes ("LIKE or GLOB pattern too
// complex"). Every search box takes up to 100 characters of anything people
// type: long text, wildcards (escaped, so longer) and multi-byte letters must
// answer normally on the API and the pages, and still find what they spell.

const LONG_NAME = 'Société Générale des Très Longs Noms Commerciaux et Associés';

const hostile = [
	'a'.repeat(49),
	'a'.repeat(100),
	'%'.repeat(25),
	'_'.repeat(60),
	'\\'.repeat(30),
	'é'.repeat(25),
	'é'.repeat(100),
	'😀'.repeat(40)
];

async function setup() {
	const services = await seed(testServices());
	const { demoOwner } = await scopes(services);
	const { id: clientId } = await createClient({ ...demoOwner, input: { name: LONG_NAME } });
	await createProject({ ...demoOwner, input: { clientId, name: LONG_NAME, status: 'active' } });
	return {
		services,
		staff: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId })
	};
}

const q = (text: string) => `?q=${encodeURIComponent(text)}`;

describe('search boxes take any text up to their limit', () => {
	it('the clients and projects APIs answer 200 with nothing found for long, wildcard and multi-byte text', async () => {
		const { staff } = await setup();
		for (const text of hostile) {
			for (const path of ['/api/clients', '/api/projects']) {
				const res = await request(hosts.dashboard, path + q(text), { cookie: staff });
				expect(res.status, `${path} ${JSON.stringify(text)}`).toBe(200);
				expect(
					((await res.json()) as { page: { items: unknown[] } }).page.items,
					`${path} ${JSON.stringify(text)}`
				).toEqual([]);
			}
		}
	});

	it('the clients and projects pages answer 200 for the same text', async () => {
		const { staff } = await setup();
		for (const text of hostile) {
			for (const path of ['/clients', '/projects']) {
				const res = await request(hosts.dashboard, path + q(text), { cookie: staff });
				expect(res.status, `${path} ${JSON.stringify(text)}`).toBe(200);
			}
		}
	});

	it('a long name with accents is found by its whole text, in any ASCII case, and wildcards stay literal', async () => {
		const { staff } = await setup();
		const search = async (path: string, text: string) =>
			(
				(await (await request(hosts.dashboard, path + q(text), { cookie: staff })).json()) as {
					page: { items: { name: string }[] };
				}
			).page.items.map((i) => i.name);
		for (const path of ['/api/clients', '/api/projects']) {
			expect(await search(path, LONG_NAME), path).toEqual([LONG_NAME]);
			expect(await search(path, LONG_NAME.toUpperCase().replaceAll('É', 'é').replaceAll('È', 'è')), path).toEqual([
				LONG_NAME
			]);
			expect(await search(path, 'Très Longs Noms'), path).toEqual([LONG_NAME]);
			expect(await search(path, 'Longs%Noms'), path).toEqual([]);
			expect(await search(path, 'Longs_Noms'), path).toEqual([]);
		}
	});
});
