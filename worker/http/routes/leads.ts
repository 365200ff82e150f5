import { Hono } from 'hono';
import { convertLead } from '../../domain/leads/convert-lead';
import { getLead } from '../../domain/leads/get-lead';
import { leadPipeline } from '../../domain/leads/lead-pipeline';
import { listLeads } from '../../domain/leads/list-leads';
import { moveLead } from '../../domain/leads/move-lead';
import { readJson } from '../errors';
import { scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** The leads pipeline (dashboard host, staff). */
export const leadRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => c.json(await listLeads({ ...scopeOf(c), input: c.req.query() })))
	.get('/pipeline', async (c) => c.json(await leadPipeline(scopeOf(c))))
	.get('/:id', async (c) => c.json(await getLead({ ...scopeOf(c), leadId: c.req.param('id') })))
	.patch('/:id', async (c) =>
		c.json(await moveLead({ ...scopeOf(c), leadId: c.req.param('id'), input: await readJson(c) }))
	)
	.post('/:id/convert', async (c) =>
		c.json(await convertLead({ ...scopeOf(c), leadId: c.req.param('id'), input: await readJson(c) }), 201)
	);
