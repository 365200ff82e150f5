import { Hono } from 'hono';
import { listActivity } from '../../domain/activity/list-activity';
import { scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** The workspace-wide activity feed (staff): ?page=&projectId=&clientId= */
export const activityRoutes = new Hono<ApiEnv>().get('/', async (c) =>
	c.json(await listActivity({ ...scopeOf(c), input: c.req.query() }))
);
