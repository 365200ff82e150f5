import { describe, expect, it } from 'vitest';
import { feedbackRequests } from '../../../db/schema';
import { DEMO, scopes, seed, testClock, testServices } from '../../../tests/helpers';
import { withD1Metrics } from '../../services/d1-metrics';
import { getPortalProjectHeader } from './get-portal-project-header';
import { getPortalProject } from './get-portal-project';

describe('portal project header (every tab of a portal project page)', () => {
	it("gives the client's project and its Feedback tab flag in one D1 round trip", async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		await services.db.delete(feedbackRequests);
		const metrics = { roundTrips: 0, statements: 0 };
		const header = await withD1Metrics(metrics, () =>
			getPortalProjectHeader({ ...casey, projectId: DEMO.websiteProjectId })
		);
		expect(header).toEqual({
			project: expect.objectContaining({
				id: DEMO.websiteProjectId,
				name: expect.any(String),
				status: expect.any(String)
			}),
			hasFeedback: false
		});
		expect(Object.keys(header.project).sort()).toEqual(['description', 'dueDate', 'id', 'name', 'startDate', 'status']);
		expect(metrics).toEqual({ roundTrips: 1, statements: 2 });

		await services.db.insert(feedbackRequests).values({
			id: 'fbr_header_test',
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			projectId: DEMO.websiteProjectId,
			status: 'open',
			createdAt: testClock.now()
		});
		expect((await getPortalProjectHeader({ ...casey, projectId: DEMO.websiteProjectId })).hasFeedback).toBe(true);
	});

	it('shares its round trip with the tab asked for in the same turn (a page and its layout load together)', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const metrics = { roundTrips: 0, statements: 0 };
		const [header, board] = await withD1Metrics(metrics, () =>
			Promise.all([
				getPortalProjectHeader({ ...casey, projectId: DEMO.websiteProjectId }),
				getPortalProject({ ...casey, projectId: DEMO.websiteProjectId })
			])
		);
		expect(header.project.id).toBe(DEMO.websiteProjectId);
		expect(board.columns.flatMap((c) => c.tasks).length).toBeGreaterThan(0);
		expect(metrics).toEqual({ roundTrips: 1, statements: 4 });
		// Each still gets "not found" on its own for another client's project.
		const { oscar } = await scopes(services);
		const results = await Promise.allSettled([
			getPortalProjectHeader({ ...oscar, projectId: DEMO.websiteProjectId }),
			getPortalProject({ ...oscar, projectId: DEMO.websiteProjectId })
		]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
	});

	it("answers not found for another client's project", async () => {
		const { oscar } = await scopes(await seed(testServices()));
		await expect(getPortalProjectHeader({ ...oscar, projectId: DEMO.websiteProjectId })).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});
