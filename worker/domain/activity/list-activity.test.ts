import { describe, expect, it } from 'vitest';
import { activity } from '../../../db/schema';
import { DEMO, ACME, scopes, seed, testServices } from '../../../tests/helpers';
import { newId } from '../../services/ids';
import { listActivity } from './list-activity';

describe('workspace activity feed', () => {
	it('lists who did what, newest first, paginated and filterable, within the workspace only', async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner, casey } = await scopes(services);
		// After everything the demo data did: the test's events are the newest.
		const base = services.clock.now() + 60_000;
		const row = (i: number, workspaceId: string, projectId: string | null) => ({
			id: newId('act'),
			workspaceId,
			projectId,
			clientId: null,
			actorKind: 'staff' as const,
			actorName: 'Olivia Owner',
			verb: 'test.event',
			summary: `Event ${i}`,
			createdAt: base + i
		});
		await services.db
			.insert(activity)
			.values([
				row(1, DEMO.workspaceId, DEMO.websiteProjectId),
				row(2, DEMO.workspaceId, DEMO.brandProjectId),
				row(3, DEMO.workspaceId, DEMO.websiteProjectId),
				row(4, ACME.workspaceId, ACME.projectId)
			]);
		const first = await listActivity({ ...demoOwner, input: { pageSize: '2' } });
		expect(first.page.items.map((a) => a.summary)).toEqual(['Event 3', 'Event 2']);
		expect(first.page.hasNext).toBe(true);
		const second = await listActivity({ ...demoOwner, input: { pageSize: '2', page: '2' } });
		expect(second.page.items[0].summary).toBe('Event 1');
		const filtered = await listActivity({ ...demoOwner, input: { projectId: DEMO.websiteProjectId } });
		// The demo data has its own history on the project; the test's events are the newest.
		expect(filtered.page.items.map((a) => a.summary).filter((s) => s.startsWith('Event '))).toEqual([
			'Event 3',
			'Event 1'
		]);
		expect(filtered.page.items.every((a) => a.projectId === DEMO.websiteProjectId)).toBe(true);
		expect(filtered.projects.map((p) => p.id)).toContain(DEMO.websiteProjectId);
		const acme = await listActivity({ ...acmeOwner, input: {} });
		expect(acme.page.items.map((a) => a.summary)).not.toContain('Event 3');
		expect(acme.projects.map((p) => p.id)).toEqual([ACME.projectId]);
		await expect(listActivity({ ...casey, input: {} })).rejects.toMatchObject({ code: 'forbidden' });
	});
});
