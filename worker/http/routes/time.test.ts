import { describe, expect, it } from 'vitest';
import { DEMO_TIME } from '../../dev/seed/ids';
import { DEMO, hosts, inDays, request, seed, sessionCookie, testServices } from '../../../tests/helpers';

const W = DEMO.websiteProjectId;

async function setup() {
	const services = await seed(testServices());
	return {
		staff: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId }),
		casey: await sessionCookie(services, { contactId: DEMO.caseyContactId }),
		oscar: await sessionCookie(services, { contactId: DEMO.oscarContactId })
	};
}

describe('time API', () => {
	it('logs, edits and deletes entries for staff, with per-field errors in the one error shape', async () => {
		const { staff } = await setup();
		const created = await request(hosts.dashboard, '/api/time', {
			cookie: staff,
			json: { projectId: W, date: inDays(-180), duration: 75, description: 'Copy edits', billable: true, rate: '100' }
		});
		expect(created.status).toBe(201);
		const { entry } = (await created.json()) as { entry: { id: string; minutes: number; amountMinor: number } };
		expect(entry).toMatchObject({ minutes: 75, amountMinor: 12_500 });
		const bad = await request(hosts.dashboard, '/api/time', {
			cookie: staff,
			json: { projectId: W, date: 'yesterday', duration: 'a while', description: '' }
		});
		expect(bad.status).toBe(422);
		expect(await bad.json()).toMatchObject({
			error: {
				code: 'validation_failed',
				fields: { date: expect.any(String), duration: expect.any(String), description: expect.any(String) }
			}
		});
		const edited = await request(hosts.dashboard, `/api/time/${entry.id}`, {
			method: 'PATCH',
			cookie: staff,
			json: { date: inDays(-180), duration: '1:00', description: 'Copy edits', billable: false }
		});
		expect(edited.status).toBe(200);
		expect((await request(hosts.dashboard, `/api/time/${entry.id}`, { method: 'DELETE', cookie: staff })).status).toBe(
			200
		);
		expect((await request(hosts.dashboard, `/api/time/${entry.id}`, { method: 'DELETE', cookie: staff })).status).toBe(
			404
		);
	});

	it('starts and stops a timer, refusing a second one with 409', async () => {
		const { staff } = await setup();
		expect(
			(
				await request(hosts.dashboard, '/api/time/timer/start', {
					cookie: staff,
					json: { projectId: W, description: 'Timer' }
				})
			).status
		).toBe(201);
		const again = await request(hosts.dashboard, '/api/time/timer/start', {
			cookie: staff,
			json: { projectId: W, description: 'Timer 2' }
		});
		expect(again.status).toBe(409);
		const stop = await request(hosts.dashboard, '/api/time/timer/stop', { method: 'POST', cookie: staff });
		expect(stop.status).toBe(200);
		expect(await stop.json()).toMatchObject({ minutes: 1 });
	});

	it('gives a client only billable entries of their own projects, and refuses them every change', async () => {
		const { casey, oscar } = await setup();
		const res = await request(hosts.demo, `/api/time?projectId=${W}`, { cookie: casey });
		expect(res.status).toBe(200);
		const body = (await res.json()) as {
			entries: { items: Record<string, unknown>[] };
			totals: Record<string, unknown>;
		};
		expect(body.entries.items).toHaveLength(3);
		expect(body.totals).toEqual({
			entries: 3,
			billableMinutes: 345,
			billableAmounts: [{ currency: 'USD', amountMinor: 54_625 }]
		});
		const text = JSON.stringify(body);
		for (const hidden of [
			'rateMinor',
			'userId',
			'userName',
			'invoiceId',
			'timerStartedAt',
			'Internal stand-up',
			DEMO_TIME.websiteStandup
		])
			expect(text).not.toContain(hidden);
		expect((await request(hosts.demo, `/api/time?projectId=${W}`, { cookie: oscar })).status).toBe(404);
		expect(
			(
				await request(hosts.demo, '/api/time', {
					cookie: casey,
					json: { projectId: W, date: inDays(-180), duration: 60, description: 'x' }
				})
			).status
		).toBe(403);
		expect(
			(await request(hosts.demo, `/api/time/${DEMO_TIME.websiteWorkshop}`, { method: 'DELETE', cookie: casey })).status
		).toBe(403);
	});
});
