import { Hono } from 'hono';
import { getBranding } from '../../domain/branding/get-branding';
import { getContractSettings } from '../../domain/contracts/get-contract-settings';
import { updateContractSettings } from '../../domain/contracts/update-contract-settings';
import { removeLogo } from '../../domain/branding/remove-logo';
import { updateBranding } from '../../domain/branding/update-branding';
import { uploadLogo } from '../../domain/branding/upload-logo';
import { getEmailPrefs } from '../../domain/notifications/get-email-prefs';
import { updateEmailPrefs } from '../../domain/notifications/update-email-prefs';
import { changeMemberRole } from '../../domain/team/change-member-role';
import { inviteMember } from '../../domain/team/invite-member';
import { listTeam } from '../../domain/team/list-team';
import { removeMember } from '../../domain/team/remove-member';
import { getWorkspaceSettings } from '../../domain/workspaces/get-workspace-settings';
import { updateWorkspaceSettings } from '../../domain/workspaces/update-workspace-settings';
import { getBillingSettings } from '../../domain/billing/get-billing-settings';
import { listTaxRates } from '../../domain/billing/list-tax-rates';
import { createTaxRate, deleteTaxRate, updateTaxRate } from '../../domain/billing/save-tax-rate';
import { updateBusinessDetails } from '../../domain/billing/update-business-details';
import {
	getSecondFactorRequirement,
	setSecondFactorRequirement
} from '../../domain/workspaces/second-factor-requirement';
import { readJson } from '../errors';
import { scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** Settings of the signed-in staff member's workspace (dashboard host). Rules live in the domain. */
export const settingsRoutes = new Hono<ApiEnv>()
	.get('/workspace', async (c) => c.json(await getWorkspaceSettings(scopeOf(c))))
	.put('/workspace', async (c) => c.json(await updateWorkspaceSettings({ ...scopeOf(c), input: await readJson(c) })))
	.get('/branding', async (c) => c.json(await getBranding(scopeOf(c))))
	.put('/branding', async (c) => c.json(await updateBranding({ ...scopeOf(c), input: await readJson(c) })))
	/** The raw image as the body (Content-Type is not trusted: the bytes are checked). */
	.put('/branding/logo', async (c) => {
		const scope = scopeOf(c);
		const bytes = new Uint8Array(await c.req.arrayBuffer());
		return c.json(await uploadLogo({ ...scope, input: { bytes } }));
	})
	.delete('/branding/logo', async (c) => c.json(await removeLogo(scopeOf(c))))
	.get('/team', async (c) => c.json(await listTeam(scopeOf(c))))
	.post('/team', async (c) => c.json(await inviteMember({ ...scopeOf(c), input: await readJson(c) }), 201))
	.patch('/team/:membershipId', async (c) =>
		c.json(
			await changeMemberRole({ ...scopeOf(c), membershipId: c.req.param('membershipId'), input: await readJson(c) })
		)
	)
	.delete('/team/:membershipId', async (c) =>
		c.json(await removeMember({ ...scopeOf(c), membershipId: c.req.param('membershipId') }))
	)
	.get('/contracts', async (c) => c.json(await getContractSettings(scopeOf(c))))
	.put('/contracts', async (c) => c.json(await updateContractSettings({ ...scopeOf(c), input: await readJson(c) })))
	.get('/notifications', async (c) => c.json(await getEmailPrefs(scopeOf(c))))
	.put('/notifications', async (c) => c.json(await updateEmailPrefs({ ...scopeOf(c), input: await readJson(c) })))
	/** Invoicing: business details printed on documents, the default hourly rate, and the saved tax rates. */
	.get('/billing', async (c) => c.json(await getBillingSettings(scopeOf(c))))
	.put('/billing', async (c) => c.json(await updateBusinessDetails({ ...scopeOf(c), input: await readJson(c) })))
	.get('/tax-rates', async (c) => c.json(await listTaxRates(scopeOf(c))))
	.post('/tax-rates', async (c) => c.json(await createTaxRate({ ...scopeOf(c), input: await readJson(c) }), 201))
	.put('/tax-rates/:id', async (c) =>
		c.json(await updateTaxRate({ ...scopeOf(c), taxRateId: c.req.param('id'), input: await readJson(c) }))
	)
	.delete('/tax-rates/:id', async (c) => c.json(await deleteTaxRate({ ...scopeOf(c), taxRateId: c.req.param('id') })))
	.get('/security', async (c) => c.json(await getSecondFactorRequirement(scopeOf(c))))
	.put('/security', async (c) => c.json(await setSecondFactorRequirement({ ...scopeOf(c), input: await readJson(c) })));
