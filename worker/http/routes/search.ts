import { Hono } from 'hono';
import { searchWorkspace } from '../../domain/search/search-workspace';
import { scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** The dashboard's global search (staff only; the use case refuses everyone else). */
export const searchRoutes = new Hono<ApiEnv>().get('/', async (c) =>
	c.json(await searchWorkspace({ ...scopeOf(c), input: new URL(c.req.url).searchParams }))
);
