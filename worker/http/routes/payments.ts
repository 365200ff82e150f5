import { Hono } from 'hono';
import { getPaystackSettings } from '../../domain/payments/paystack-settings';
import { removePaystackKeys } from '../../domain/payments/remove-paystack-keys';
import { savePaystackKeys } from '../../domain/payments/save-paystack-keys';
import { readJson } from '../errors';
import { memberScopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** /api/payments/settings: the workspace's Paystack keys (owners only; the secret is never returned). */
export const paymentRoutes = new Hono<ApiEnv>()
	.get('/settings', (c) => c.json(getPaystackSettings(memberScopeOf(c))))
	.put('/settings', async (c) => c.json(await savePaystackKeys({ ...memberScopeOf(c), input: await readJson(c) })))
	.delete('/settings', async (c) => {
		await removePaystackKeys(memberScopeOf(c));
		return c.json({ ok: true });
	});
