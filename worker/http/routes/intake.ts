import { Hono } from 'hono';
import { createIntakeForm } from '../../domain/intake/create-intake-form';
import { getIntakeForm } from '../../domain/intake/get-intake-form';
import { getPublicIntakeForm } from '../../domain/intake/get-public-intake-form';
import { listIntakeForms } from '../../domain/intake/list-intake-forms';
import { setIntakeFormStatus } from '../../domain/intake/set-intake-form-status';
import { submitIntakeForm } from '../../domain/intake/submit-intake-form';
import { updateIntakeForm } from '../../domain/intake/update-intake-form';
import { AppError } from '../../domain/errors';
import { readJson } from '../errors';
import { scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** Staff build intake forms (dashboard host). */
export const intakeFormRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => c.json(await listIntakeForms(scopeOf(c))))
	.post('/', async (c) => c.json(await createIntakeForm({ ...scopeOf(c), input: await readJson(c) }), 201))
	.get('/:id', async (c) => c.json(await getIntakeForm({ ...scopeOf(c), formId: c.req.param('id') })))
	.put('/:id', async (c) =>
		c.json(await updateIntakeForm({ ...scopeOf(c), formId: c.req.param('id'), input: await readJson(c) }))
	)
	.post('/:id/status', async (c) =>
		c.json(await setIntakeFormStatus({ ...scopeOf(c), formId: c.req.param('id'), input: await readJson(c) }))
	);

/** Anyone on a portal reads and submits a published form. */
export const publicFormRoutes = new Hono<ApiEnv>()
	.get('/:slug', async (c) => c.json(await getPublicIntakeForm({ ...scopeOf(c), slug: c.req.param('slug') })))
	.post('/:slug', async (c) => {
		const input = await readJson(c);
		if (!input || typeof input !== 'object' || Array.isArray(input))
			throw new AppError('bad_request', 'Send the answers as a JSON object.');
		return c.json(
			await submitIntakeForm({
				...scopeOf(c),
				slug: c.req.param('slug'),
				input: input as Record<string, unknown>,
				ip: c.get('ip')
			}),
			201
		);
	});
