import { Hono } from 'hono';
import { createRecurringInvoice } from '../../domain/recurring/create-recurring-invoice';
import { getRecurringInvoice } from '../../domain/recurring/get-recurring-invoice';
import { listRecurringInvoices } from '../../domain/recurring/list-recurring-invoices';
import {
	endRecurringInvoice,
	pauseRecurringInvoice,
	resumeRecurringInvoice
} from '../../domain/recurring/set-recurring-status';
import { updateRecurringInvoice } from '../../domain/recurring/update-recurring-invoice';
import { readJson } from '../errors';
import { memberScopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** /api/recurring-invoices: staff set them up and pause, resume or end them; clients read their own. */
export const recurringInvoiceRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => c.json(await listRecurringInvoices({ ...memberScopeOf(c), input: c.req.query() })))
	.post('/', async (c) => c.json(await createRecurringInvoice({ ...memberScopeOf(c), input: await readJson(c) }), 201))
	.get('/:id', async (c) => c.json(await getRecurringInvoice({ ...memberScopeOf(c), recurringId: c.req.param('id') })))
	.put('/:id', async (c) =>
		c.json(
			await updateRecurringInvoice({ ...memberScopeOf(c), recurringId: c.req.param('id'), input: await readJson(c) })
		)
	)
	.post('/:id/pause', async (c) =>
		c.json(await pauseRecurringInvoice({ ...memberScopeOf(c), recurringId: c.req.param('id') }))
	)
	.post('/:id/resume', async (c) =>
		c.json(await resumeRecurringInvoice({ ...memberScopeOf(c), recurringId: c.req.param('id') }))
	)
	.post('/:id/end', async (c) =>
		c.json(await endRecurringInvoice({ ...memberScopeOf(c), recurringId: c.req.param('id') }))
	);
