import { Hono } from 'hono';
import { deleteTimeEntry } from '../../domain/time/delete-time-entry';
import { listProjectTime } from '../../domain/time/list-project-time';
import { logTime } from '../../domain/time/log-time';
import { startTimer } from '../../domain/time/start-timer';
import { stopTimer } from '../../domain/time/stop-timer';
import { updateTimeEntry } from '../../domain/time/update-time-entry';
import { readJson } from '../errors';
import { memberScopeOf, scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

const object = (value: unknown) => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/** Time entries and timers. A client gets only billable, finished entries of their own projects. */
export const timeRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => {
		const scope = memberScopeOf(c);
		const { projectId = '', page, pageSize } = c.req.query();
		return c.json(await listProjectTime({ ...scope, input: { projectId, page, pageSize } }));
	})
	.post('/', async (c) => {
		const entry = await logTime({ ...scopeOf(c), input: await readJson(c) });
		return c.json({ entry }, 201);
	})
	.post('/timer/start', async (c) => c.json(await startTimer({ ...scopeOf(c), input: await readJson(c) }), 201))
	.post('/timer/stop', async (c) => c.json(await stopTimer(scopeOf(c))))
	.patch('/:id', async (c) =>
		c.json(
			await updateTimeEntry({ ...scopeOf(c), input: { ...object(await readJson(c)), entryId: c.req.param('id') } })
		)
	)
	.delete('/:id', async (c) => c.json(await deleteTimeEntry({ ...scopeOf(c), input: { entryId: c.req.param('id') } })));
