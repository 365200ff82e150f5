import { Hono } from 'hono';
import { listProjectActivity } from '../../domain/activity/list-project-activity';
import type { Scope } from '../../domain/scope';
import { browseProjects } from '../../domain/projects/browse-projects';
import { createProject } from '../../domain/projects/create-project';
import { getPortalProject } from '../../domain/projects/get-portal-project';
import { getProjectBoard } from '../../domain/projects/get-project-board';
import { listPortalProjects } from '../../domain/projects/list-portal-projects';
import { updateProject } from '../../domain/projects/update-project';
import { createTask } from '../../domain/tasks/create-task';
import { readJson } from '../errors';
import { scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** On a portal host a signed-in client gets the portal's view (their own projects only); everyone else the staff one, which refuses non-staff. */
const isClient = (scope: Scope) => scope.actor.kind === 'client';

export const projectRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => {
		const scope = scopeOf(c);
		const input = new URL(c.req.url).searchParams;
		return c.json(
			isClient(scope) ? await listPortalProjects({ ...scope, input }) : await browseProjects({ ...scope, input })
		);
	})
	.post('/', async (c) => c.json(await createProject({ ...scopeOf(c), input: await readJson(c) }), 201))
	.get('/:id', async (c) => {
		const scope = scopeOf(c);
		const projectId = c.req.param('id');
		return c.json(
			isClient(scope) ? await getPortalProject({ ...scope, projectId }) : await getProjectBoard({ ...scope, projectId })
		);
	})
	.patch('/:id', async (c) => {
		const scope = scopeOf(c);
		const { closedTasks } = await updateProject({ ...scope, projectId: c.req.param('id'), input: await readJson(c) });
		return c.json({ ok: true, closedTasks });
	})
	.get('/:id/tasks', async (c) => {
		const scope = scopeOf(c);
		const projectId = c.req.param('id');
		const board = isClient(scope)
			? await getPortalProject({ ...scope, projectId })
			: await getProjectBoard({ ...scope, projectId });
		return c.json({
			columns: board.columns,
			completion: board.completion,
			taskCount: board.taskCount,
			completeCount: board.completeCount
		});
	})
	.post('/:id/tasks', async (c) =>
		c.json(await createTask({ ...scopeOf(c), projectId: c.req.param('id'), input: await readJson(c) }), 201)
	)
	.get('/:id/activity', async (c) =>
		c.json(
			await listProjectActivity({ ...scopeOf(c), projectId: c.req.param('id'), input: new URL(c.req.url).searchParams })
		)
	);
