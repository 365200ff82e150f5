import { describe, expect, it } from 'vitest';
import { feedbackRequests } from '../../../db/schema';
import { DEMO, preparedSql, scopes, seed, testClock, testServices } from '../../../tests/helpers';
import { withD1Metrics } from '../../services/d1-metrics';
import { getPortalProjectHeader } from './get-portal-project-header';
import { getPortalProject } from './get-portal-project';
import { and, eq } from 'drizzle-orm';
import { projects } from '../../../db/schema';
import { requireClient } from '../actor';
import { feedbackRequestExistsQuery } from '../feedback/has-feedback-request';
import { clientScope } from '../tenancy';
import { projectByIdQuery } from './find-project';

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
		// Header: project + feedback flag; board: project + tasks. Both ask for the same compiled
		// project read with the same values, and the read batcher sends it once.
		expect(metrics).toEqual({ roundTrips: 1, statements: 3 });
		expect(board.project).toEqual(header.project);
		// Each still gets "not found" on its own for another client's project.
		const { oscar } = await scopes(services);
		const results = await Promise.allSettled([
			getPortalProjectHeader({ ...oscar, projectId: DEMO.websiteProjectId }),
			getPortalProject({ ...oscar, projectId: DEMO.websiteProjectId })
		]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
	});

	it("binds the client's ids and the project into the same SQL drizzle builds per request", async () => {
		const services = await seed(testServices());
		const { casey, oscar, demoOwner } = await scopes(services);
		for (const scope of [casey, oscar]) {
			const asStaff = { ...demoOwner, services: scope.services };
			const built = (q: { toSQL(): { sql: string; params: unknown[] } }) => q.toSQL();
			const client = requireClient(scope.actor).clientId;
			// Staff's statements are built per request; a client's differ only by the client condition.
			const compiledProject = preparedSql(projectByIdQuery(scope, DEMO.websiteProjectId));
			const builtProject = built(
				scope.services.db
					.select()
					.from(projects)
					.where(and(clientScope(projects, scope), eq(projects.id, DEMO.websiteProjectId)))
					.limit(1)
			);
			expect(compiledProject).toEqual(builtProject);
			expect(compiledProject.params).toEqual([scope.workspace.id, client, DEMO.websiteProjectId, 1]);
			const compiledFeedback = preparedSql(feedbackRequestExistsQuery({ ...scope, projectId: DEMO.websiteProjectId }));
			expect(compiledFeedback.params).toEqual([scope.workspace.id, client, DEMO.websiteProjectId, 1]);
			expect(compiledFeedback.sql).toBe(
				preparedSql(feedbackRequestExistsQuery({ ...asStaff, projectId: DEMO.websiteProjectId })).sql.replace(
					'where ("feedback_requests"."workspace_id" = ? and',
					'where (("feedback_requests"."workspace_id" = ? and "feedback_requests"."client_id" = ?) and'
				)
			);
		}
	});

	it("answers not found for another client's project", async () => {
		const { oscar } = await scopes(await seed(testServices()));
		await expect(getPortalProjectHeader({ ...oscar, projectId: DEMO.websiteProjectId })).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});
