import { Hono } from 'hono';
import { deleteTask } from '../../domain/tasks/delete-task';
import { moveTask } from '../../domain/tasks/move-task';
import { updateTask } from '../../domain/tasks/update-task';
import { readJson } from '../errors';
import { scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** Changing tasks: staff only (the use cases refuse everyone else). */
export const taskRoutes = new Hono<ApiEnv>()
	.patch('/:id', async (c) => {
		const scope = scopeOf(c);
		await updateTask({ ...scope, taskId: c.req.param('id'), input: await readJson(c) });
		return c.json({ ok: true });
	})
	/** { status, index? }: index 0 is the top of the column; left out, the bottom. */
	.post('/:id/move', async (c) =>
		c.json(await moveTask({ ...scopeOf(c), taskId: c.req.param('id'), input: await readJson(c) }))
	)
	.delete('/:id', async (c) => c.json(await deleteTask({ ...scopeOf(c), taskId: c.req.param('id') })));
