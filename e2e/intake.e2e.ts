import { expect, test } from '@playwright/test';
import { dashboardUrl, portalUrl, signInByLink } from './support';

test.describe('intake forms and leads', () => {
	test('an anonymous visitor submits an intake form and the lead appears in the staff pipeline', async ({
		page,
		browser
	}) => {
		const visitor = await browser.newContext();
		const form = await visitor.newPage();
		await form.goto(portalUrl('demo', '/forms/project-enquiry'));
		await expect(form.getByRole('heading', { name: 'Project enquiry' })).toBeVisible();

		// A first try with mistakes: each gets its message next to the field, and nothing typed is lost.
		await form.getByLabel('Your name').fill('Eve Example');
		await form.getByLabel('Email').fill('eve@');
		await form.getByLabel('Tell us about the project').fill('A booking site for our yoga studio.');
		await form.getByRole('button', { name: 'Send' }).click();
		await expect(form.locator('#q-email-error')).toHaveText(/valid email/);
		await expect(form.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
		await expect(form.locator('#q-f_service-error')).toHaveText('Please choose an option.');
		await expect(form.getByLabel('Your name')).toHaveValue('Eve Example');
		await expect(form.getByLabel('Tell us about the project')).toHaveValue('A booking site for our yoga studio.');

		await form.getByLabel('Email').fill('eve@yoga.example');
		await form.getByLabel('Company').fill('Eve Yoga');
		await form.getByLabel('What do you need?').selectOption('Website');
		await form.getByRole('button', { name: 'Send' }).click();
		await expect(form.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
		await visitor.close();

		await signInByLink(page, 'owner@demo.test');
		await page.getByRole('link', { name: 'Leads' }).click();
		const newColumn = page.getByRole('region', { name: /^New/ });
		await expect(newColumn.getByRole('link', { name: 'Eve Example' })).toBeVisible();
		await newColumn.getByRole('link', { name: 'Eve Example' }).click();
		await expect(page.getByRole('heading', { name: 'Eve Example' })).toBeVisible();
		await expect(page.getByText('A booking site for our yoga studio.')).toBeVisible();

		// Move it along with the keyboard-friendly form.
		await page.getByLabel('Stage of Eve Example').selectOption('qualified');
		await page.getByRole('button', { name: 'Move Eve Example' }).click();
		await expect(page.getByText('Moved to Qualified.')).toBeVisible();
		await page.goto(dashboardUrl('/leads'));
		await expect(
			page.getByRole('region', { name: /^Qualified/ }).getByRole('link', { name: 'Eve Example' })
		).toBeVisible();
	});
});
