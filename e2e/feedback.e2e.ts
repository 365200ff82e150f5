import { expect, test } from '@playwright/test';
import { dashboardUrl, gotoHydrated, portalUrl, signIn, signInByLink } from './support';

test.describe('feedback', () => {
	test('a client rates a completed project with the keyboard', async ({ page, browser }) => {
		await signIn(page, portalUrl('demo'), 'client@demo.test');
		await page.getByRole('link', { name: /Brand refresh/ }).click();
		const tab = page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Feedback' });
		await tab.click();
		await expect(page.getByRole('heading', { name: 'Your feedback' })).toBeVisible();

		// Keyboard only from here: Tab into the star group, arrows to choose, Tab to the comment, Enter to send.
		await tab.focus();
		await page.keyboard.press('Tab');
		await expect(page.getByRole('radio', { name: '5 stars (Excellent)' })).toBeFocused();
		await page.keyboard.press('ArrowLeft');
		await expect(page.getByRole('radio', { name: '4 stars (Very good)' })).toBeChecked();
		await page.keyboard.press('Tab');
		await expect(page.getByLabel('Comment')).toBeFocused();
		await page.keyboard.press('ControlOrMeta+A');
		await page.keyboard.type('Great logo, the guide came a little late.');
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: 'Update my feedback' })).toBeFocused();
		await page.keyboard.press('Enter');

		await expect(page.getByRole('status')).toContainText('Your rating of 4 out of 5 is saved');
		await expect(page.getByRole('radio', { name: '4 stars (Very good)' })).toBeChecked();
		await expect(page.getByLabel('Comment')).toHaveValue('Great logo, the guide came a little late.');

		// Staff see it on the project's Feedback tab and in the overview.
		const staff = await (await browser.newContext()).newPage();
		await signInByLink(staff, 'owner@demo.test');
		await gotoHydrated(staff, dashboardUrl('/projects/prj_demo_brand/feedback'));
		await expect(staff.getByRole('img', { name: '4 out of 5 stars' })).toBeVisible();
		await expect(staff.getByText('Great logo, the guide came a little late.')).toBeVisible();
		await gotoHydrated(staff, dashboardUrl('/settings/feedback'));
		await expect(staff.getByText('Great logo, the guide came a little late.')).toBeVisible();
		await staff.context().close();
	});
});
