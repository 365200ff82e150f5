import { expect, test } from '@playwright/test';
import { dashboardUrl, gotoHydrated, nextEmail, portalUrl, seenIds, signIn, signInByLink, signInLink } from './support';

/**
 * The demo's second D1 shard (worker/dev/seed/second-shard.ts): the browser tests run with the
 * same shard directory as npm start, so Fjord Digital's portal and its owner's dashboard are
 * served from DB_SHARD_2 while every other demo workspace is on DB.
 */
test.describe('a workspace on the second shard', () => {
	test('its client signs in on its portal and sees their project', async ({ page }) => {
		await signIn(page, portalUrl('fjord'), 'client@fjord.test');
		const home = await page.goto(portalUrl('fjord', '/'));
		expect(home?.headers()['x-d1-shard']).toBe('DB_SHARD_2');
		await expect(page.getByRole('heading', { name: 'Welcome, Lena Lumen' })).toBeVisible();
		await page
			.getByRole('link', { name: /Online ordering/ })
			.first()
			.click();
		await expect(page.getByText('Pick-up time slots')).toBeVisible();
		// Nothing of the demo workspace on DB shows here.
		await expect(page.getByText('Website redesign')).toHaveCount(0);
	});

	test('its owner signs in on the dashboard with the typed email and works in it', async ({ page }) => {
		const seen = await seenIds('owner@fjord.test');
		await gotoHydrated(page, dashboardUrl('/login'));
		await page.getByLabel('Email address').fill('owner@fjord.test');
		await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
		await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
		await page.goto(signInLink(await nextEmail('owner@fjord.test', seen)));
		await page.getByRole('button', { name: 'Continue and sign in' }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/auth/'));

		const projects = await page.goto(dashboardUrl('/projects'));
		expect(projects?.headers()['x-d1-shard']).toBe('DB_SHARD_2');
		await expect(page.getByRole('link', { name: 'Online ordering' })).toBeVisible();
		await expect(page.getByText('Website redesign')).toHaveCount(0);
	});

	test('a member of workspaces on both shards opens one from the other', async ({ page }) => {
		// Max's account on DB (Demo Studio); Fjord Digital is on DB_SHARD_2.
		await signInByLink(page, 'member@demo.test');
		await page.getByRole('link', { name: 'All your workspaces' }).click();
		await expect(page.getByRole('heading', { name: 'Your workspaces' })).toBeVisible();
		await page.getByRole('button', { name: 'Open Fjord Digital' }).click();
		await page.waitForURL(dashboardUrl('/'));
		const projects = await page.goto(dashboardUrl('/projects'));
		expect(projects?.headers()['x-d1-shard']).toBe('DB_SHARD_2');
		await expect(page.getByRole('link', { name: 'Online ordering' })).toBeVisible();
		// And back to Demo Studio, on DB.
		await page.goto(dashboardUrl('/workspaces'));
		await page.getByRole('button', { name: 'Open Demo Studio' }).click();
		await page.waitForURL(dashboardUrl('/'));
		const back = await page.goto(dashboardUrl('/projects'));
		expect(back?.headers()['x-d1-shard']).toBe('DB');
		await expect(page.getByRole('link', { name: 'Website redesign' })).toBeVisible();
	});

	test('a workspace on the other shard that is not theirs is refused on the page, and they stay where they are', async ({
		page
	}) => {
		await signInByLink(page, 'member@demo.test');
		// Hydrated first, so Svelte does not write the real id back over the tampered one.
		await gotoHydrated(page, dashboardUrl('/workspaces'));
		// What a tampered form (or a membership ended since the list was read) sends.
		const fjord = page.getByRole('listitem').filter({ hasText: 'Fjord Digital' });
		await fjord.locator('input[name="workspaceId"]').evaluate((input: { value: string }) => {
			input.value = 'ws_not_a_member';
		});
		await page.getByRole('button', { name: 'Open Fjord Digital' }).click();
		await expect(page.getByRole('alert')).toHaveText('That workspace could not be found.');
		const projects = await page.goto(dashboardUrl('/projects'));
		expect(projects?.headers()['x-d1-shard']).toBe('DB');
		await expect(page.getByRole('link', { name: 'Website redesign' })).toBeVisible();
	});
});
