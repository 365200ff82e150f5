import { expect, test, type Page } from '@playwright/test';
import { dashboardUrl, devLoginLink, gotoHydrated, signInByLink } from './support';

const descriptions = (page: Page) => page.getByLabel(/^Line \d+: description$/);

/** One line editor for quotes and invoices: the same fields, "Add a line" with and without JavaScript. */
for (const viewport of [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'phone', width: 375, height: 812 }
]) {
	test.describe(`the line editor (${viewport.name})`, () => {
		test.use({ viewport: { width: viewport.width, height: viewport.height } });

		test('a new invoice adds lines like a quote does, and saves them', async ({ page }) => {
			await signInByLink(page, 'owner@demo.test');
			await gotoHydrated(page, dashboardUrl('/invoices/new?clientId=cli_demo_globex'));
			await expect(descriptions(page)).toHaveCount(3);
			await page.getByRole('button', { name: 'Add a line' }).click();
			await expect(descriptions(page)).toHaveCount(4);
			await expect(page.getByLabel('Line 4: description')).toBeFocused();
			await page.getByLabel('Line 1: description').fill('Discovery workshop');
			await page.getByLabel('Unit price (USD)').nth(0).fill('400');
			await page.getByLabel('Line 4: description').fill('Prototype');
			await page.getByLabel('Quantity').nth(3).fill('2.5');
			await page.getByLabel('Unit price (USD)').nth(3).fill('1O0');
			await page.getByRole('button', { name: 'Save draft' }).click();
			// The error is on the row typed in; every line typed is still there.
			await expect(page.locator('#items-3-unitPrice-error')).toHaveText('Enter a price in USD, like 120 or 99.50.');
			await expect(page.getByLabel('Line 4: description')).toHaveValue('Prototype');
			await expect(page.getByLabel('Line 1: description')).toHaveValue('Discovery workshop');
			await page.getByLabel('Unit price (USD)').nth(3).fill('100');
			await page.getByRole('button', { name: 'Save draft' }).click();
			await expect(page.getByRole('heading', { name: /^Invoice INV-/ })).toBeVisible();
			await expect(page.locator('[data-total="Total"]')).toHaveText('$650.00');
		});

		test('the quote form uses the same editor', async ({ page }) => {
			await signInByLink(page, 'owner@demo.test');
			await gotoHydrated(page, dashboardUrl('/quotes/new'));
			await expect(descriptions(page)).toHaveCount(3);
			await page.getByRole('button', { name: 'Add a line' }).click();
			await expect(page.getByLabel('Line 4: description')).toBeFocused();
			await expect(page.locator('.line-editor-row')).toHaveCount(4);
		});
	});
}

test('without JavaScript, "Add a line" shows the form again with one more line and keeps what was typed', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(await devLoginLink('owner@demo.test'));
	await page.getByRole('button', { name: 'Continue and sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/auth/'));
	for (const path of ['/invoices/new?clientId=cli_demo_globex', '/quotes/new']) {
		await page.goto(dashboardUrl(path));
		await expect(descriptions(page)).toHaveCount(3);
		await page.getByLabel('Line 1: description').fill('Research');
		await page.getByLabel('Unit price').first().fill('250');
		await page.getByRole('button', { name: 'Add a line' }).click();
		await expect(descriptions(page), path).toHaveCount(4);
		await expect(page.getByLabel('Line 1: description')).toHaveValue('Research');
		await expect(page.getByLabel('Unit price').first()).toHaveValue('250');
		await page.getByRole('button', { name: 'Add a line' }).click();
		await expect(descriptions(page), path).toHaveCount(5);
		// Nothing was saved by adding lines.
		await expect(page).toHaveURL(/\/new/);
	}
	// Enter in a line saves (the form's first button is Save, not "Add a line").
	await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Globex Corporation' });
	await page.getByLabel('Title').fill('Research sprint');
	await page.getByLabel('Line 1: description').press('Enter');
	await expect(page.getByRole('heading', { name: /Q-\d{4} Research sprint/ })).toBeVisible();
	await context.close();
});
