import { describe, expect, it } from 'vitest';
import { DEMO, hosts, inDays, request, seed, sessionCookie, testClock, testServices } from '../../tests/helpers';
import { clockFromEnv, systemClock } from './clock';

describe('the Worker clock', () => {
	it('is moved by TEST_NOW only under the test environment, and runs on from there', async () => {
		const pinned = clockFromEnv({
			ENVIRONMENT: 'test',
			TEST_NOW: '2030-06-15T08:00:00.000Z',
			TEST_NOW_SET_AT: String(Date.now())
		});
		const first = pinned.now();
		expect(first).toBeGreaterThanOrEqual(Date.parse('2030-06-15T08:00:00.000Z'));
		expect(first).toBeLessThan(Date.parse('2030-06-15T08:01:00.000Z'));
		await new Promise((r) => setTimeout(r, 5));
		expect(pinned.now()).toBeGreaterThan(first);
		expect(clockFromEnv({ ENVIRONMENT: 'production', TEST_NOW: '2030-06-15T08:00:00.000Z' })).toBe(systemClock);
		expect(clockFromEnv({ ENVIRONMENT: 'development', TEST_NOW: '2030-06-15T08:00:00.000Z' })).toBe(systemClock);
		expect(clockFromEnv({ ENVIRONMENT: 'test' })).toBe(systemClock);
		expect(() => clockFromEnv({ ENVIRONMENT: 'test', TEST_NOW: 'next tuesday' })).toThrow(/TEST_NOW/);
	});

	it('agrees with the tests about today on requests through the whole Worker', async () => {
		const services = await seed(testServices());
		expect(Math.abs(services.clock.now() - testClock.now())).toBeLessThan(60_000);
		const owner = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const statusOf = async (dueDate: string) => {
			const created = await request(hosts.dashboard, '/api/invoices', {
				json: {
					clientId: DEMO.northwindId,
					issueDate: inDays(-30),
					dueDate,
					currency: 'USD',
					items: [{ description: 'Work', quantity: '1', unitPrice: '10' }]
				},
				cookie: owner
			});
			const { id } = (await created.json()) as { id: string };
			expect(
				(await request(hosts.dashboard, `/api/invoices/${id}/send`, { method: 'POST', cookie: owner })).status
			).toBe(200);
			return (
				(await (await request(hosts.dashboard, `/api/invoices/${id}`, { cookie: owner })).json()) as {
					displayStatus: string;
				}
			).displayStatus;
		};
		// Due in two days is not overdue; due two days ago is, by the Worker's own reckoning of "today".
		expect(await statusOf(inDays(2))).toBe('sent');
		expect(await statusOf(inDays(-2))).toBe('overdue');
	});
});
