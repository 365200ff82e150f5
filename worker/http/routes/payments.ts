import { Hono } from 'hono';
import { getPaystackSettings } from '../../domain/payments/paystack-settings';
import { removePaystackKeys } from '../../domain/payments/remove-paystack-keys';
import { savePaystackKeys } from '../../domain/payments/save-paystack-keys';
import { removeStripeKeys } from '../../domain/payments/remove-stripe-keys';
import { saveStripeKeys } from '../../domain/payments/save-stripe-keys';
import { getStripeSettings } from '../../domain/payments/stripe-settings';
import { readJson } from '../errors';
import { memberScopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** /api/payments/settings: the workspace's Paystack keys; /api/payments/stripe: its Stripe keys (owners only; secrets are never returned). */
export const paymentRoutes = new Hono<ApiEnv>()
	.get('/settings', (c) => c.json(getPaystackSettings(memberScopeOf(c))))
	.put('/settings', async (c) => c.json(await savePaystackKeys({ ...memberScopeOf(c), input: await readJson(c) })))
	.delete('/settings', async (c) => {
		await removePaystackKeys(memberScopeOf(c));
		return c.json({ ok: true });
	})
	.get('/stripe', (c) => c.json(getStripeSettings(memberScopeOf(c))))
	.put('/stripe', async (c) => c.json(await saveStripeKeys({ ...memberScopeOf(c), input: await readJson(c) })))
	.delete('/stripe', async (c) => {
		await removeStripeKeys(memberScopeOf(c));
		return c.json({ ok: true });
	});
