import { expect, test } from '@playwright/test';
import { dashboardUrl, gotoHydrated, portalUrl, signIn } from './support';

// When a contact is archived, a portal thread page they have open is cut off
// at once: the server closes its socket (4003), the page reloads and lands on
// sign-in. Uses Blue Harbor Cafe's contact, restored at the end, so the other
// browser tests keep the demo data they expect.

const HARBOR = 'cli_demo_harbor';
const MARINA = 'con_demo_marina';
const PROJECT = 'prj_demo_ordering';

test('archiving a contact signs out their open, live thread page', async ({ browser }) => {
	const client = await (await browser.newContext()).newPage();
	await signIn(client, portalUrl('demo'), 'marina@blueharbor.test');
	await client.goto(portalUrl('demo', `/projects/${PROJECT}/messages`));
	await client.getByLabel('Title').fill('Opening hours');
	await client.getByLabel('First message').fill('Can the menu show our hours?');
	await client.getByRole('button', { name: 'Start conversation' }).click();
	await client.waitForURL(new RegExp(`/projects/${PROJECT}/messages/thr_\\w+$`));
	await expect(client.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

	const staff = await (await browser.newContext()).newPage();
	await signIn(staff, dashboardUrl(), 'owner@demo.test');
	await gotoHydrated(staff, dashboardUrl(`/clients/${HARBOR}/contacts/${MARINA}`));
	await staff.getByRole('button', { name: 'Archive contact' }).click();
	await expect(staff.getByRole('status').filter({ hasText: 'is archived and was signed out' })).toBeVisible();
	try {
		// No action on the client's side: the open page itself goes to sign-in.
		await client.waitForURL((url) => url.pathname === '/login', { timeout: 10_000 });
		await expect(client.getByRole('button', { name: 'Email me a sign-in link' })).toBeVisible();
	} finally {
		await staff.getByRole('button', { name: 'Restore contact' }).click();
		await expect(staff.getByRole('status').filter({ hasText: 'is restored' })).toBeVisible();
	}
});
