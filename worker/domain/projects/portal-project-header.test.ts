import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { feedbackRequests } from '../../../db/schema';
import { DEMO, scopes, seed, testClock, testServices } from '../../../tests/helpers';
import { countingD1 } from '../../services/d1-metrics';
import { createDb } from '../../services/db';
import type { Scope } from '../scope';
import { getPortalProjectHeader } from './get-portal-project-header';

/** The scope with a D1 that counts round trips. */
function counted(scope: Scope) {
	const metrics = { roundTrips: 0, statements: 0 };
	return { scope: { ...scope, services: { ...scope.services, db: createDb(countingD1(env.DB, () => metrics)) } }, metrics };
}

describe('portal project header (every tab of a portal project page)', () => {
	it("gives the client's project and its Feedback tab flag in one D1 round trip", async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		await services.db.delete(feedbackRequests);
		const { scope, metrics } = counted(casey);

		const header = await getPortalProjectHeader({ ...scope, projectId: DEMO.websiteProjectId });
		expect(header).toEqual({ project: expect.objectContaining({ id: DEMO.websiteProjectId, name: expect.any(String), status: expect.any(String) }), hasFeedback: false });
		expect(Object.keys(header.project).sort()).toEqual(['description', 'dueDate', 'id', 'name', 'startDate', 'status']);
		expect(metrics).toEqual({ roundTrips: 1, statements: 2 });

		await services.db.insert(feedbackRequests).values({ id: 'fbr_header_test', workspaceId: DEMO.workspaceId, clientId: DEMO.northwindId, projectId: DEMO.websiteProjectId, status: 'open', createdAt: testClock.now() });
		expect((await getPortalProjectHeader({ ...casey, projectId: DEMO.websiteProjectId })).hasFeedback).toBe(true);
	});

	it("answers not found for another client's project", async () => {
		const { oscar } = await scopes(await seed(testServices()));
		await expect(getPortalProjectHeader({ ...oscar, projectId: DEMO.websiteProjectId })).rejects.toMatchObject({ code: 'not_found' });
	});
});
