import { expect, test, type Page } from '@playwright/test';
import { dashboardUrl, gotoHydrated, portalUrl, signInByLink } from './support';

type Styled = { getBoundingClientRect(): { height: number; width: number; left: number; right: number } };
const headerColour = (page: Page) =>
	page
		.locator('header.topbar')
		.evaluate(
			(h) =>
				(globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(h)
					.backgroundColor
		);
const logoBox = (page: Page) =>
	page.locator('header.topbar .brand-name img').evaluate((img) => (img as unknown as Styled).getBoundingClientRect());

for (const viewport of [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'phone', width: 375, height: 812 }
]) {
	test.describe(`the logo in the portal header (${viewport.name})`, () => {
		test.use({ viewport: { width: viewport.width, height: viewport.height } });

		test('a dark wordmark sits on a light band, readable, without the name repeated', async ({ page }) => {
			await page.goto(portalUrl('acme', '/login'));
			expect(await headerColour(page)).toBe('rgb(255, 255, 255)');
			await expect(
				page.getByRole('link', { name: 'Acme Agency' }).getByRole('img', { name: 'Acme Agency' })
			).toBeVisible();
			await expect(page.locator('header.topbar .brand-name span')).toHaveCount(0);
			const box = await logoBox(page);
			expect(box.height).toBeGreaterThanOrEqual(viewport.name === 'phone' ? 34 : 40);
			expect(box.right).toBeLessThanOrEqual(viewport.width);
		});

		test('a white mark stays on the brand colour, with the name beside it', async ({ page }) => {
			await page.goto(portalUrl('demo', '/login'));
			expect(await headerColour(page)).toBe('rgb(67, 56, 202)');
			await expect(page.locator('header.topbar .brand-name span')).toHaveText('Demo Studio');
			expect((await logoBox(page)).height).toBeGreaterThanOrEqual(viewport.name === 'phone' ? 34 : 40);
		});
	});
}

test('owners choose where the logo goes and whether it says the name; the preview and the portal follow', async ({
	page
}) => {
	await signInByLink(page, 'owner@demo.test');
	await gotoHydrated(page, dashboardUrl('/settings/branding'));
	const placement = page.getByRole('group', { name: 'Where your logo goes' });
	await expect(placement.getByRole('radio', { name: /Automatic/ })).toBeChecked();
	await placement.getByRole('radio', { name: /A light band/ }).check();
	await expect(page.locator('.bp-topbar')).toHaveClass(/bp-topbar-light/);
	await page.getByLabel('Our logo includes our name').check();
	await expect(page.locator('.bp-topbar span')).toHaveCount(0);
	await page.getByRole('button', { name: 'Save branding' }).click();
	await expect(page.getByText('Branding saved.')).toBeVisible();

	const portal = await page.context().newPage();
	await portal.goto(portalUrl('demo', '/login'));
	expect(await headerColour(portal)).toBe('rgb(255, 255, 255)');
	await expect(portal.locator('header.topbar .brand-name span')).toHaveCount(0);

	// Back to automatic and the name, as the demo was.
	await gotoHydrated(page, dashboardUrl('/settings/branding'));
	await expect(placement.getByRole('radio', { name: /A light band/ })).toBeChecked();
	await placement.getByRole('radio', { name: /Automatic/ }).check();
	await page.getByLabel('Our logo includes our name').uncheck();
	await page.getByRole('button', { name: 'Save branding' }).click();
	await expect(page.getByText('Branding saved.')).toBeVisible();
	await portal.reload();
	expect(await headerColour(portal)).toBe('rgb(67, 56, 202)');
	await expect(portal.locator('header.topbar .brand-name span')).toHaveText('Demo Studio');
});
