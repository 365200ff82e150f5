import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { dashboardUrl, gotoHydrated, seriousA11yViolations, signInByLink } from './support';

test.describe('find and export', () => {
	test('"/" focuses the global search; arrows and Enter open a suggestion; Enter alone shows every result', async ({
		page
	}) => {
		await signInByLink(page, 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/projects'));
		await page.keyboard.press('/');
		const box = page.getByRole('combobox', { name: 'Search the workspace' });
		await expect(box).toBeFocused();
		await page.keyboard.type('northw');
		const list = page.getByRole('listbox', { name: 'Search suggestions' });
		await expect(list.getByRole('option', { name: /^Northwind Traders/ })).toBeVisible();
		await expect(list.getByRole('group', { name: 'Clients' })).toBeVisible();
		expect(await seriousA11yViolations(page), 'suggestions open').toEqual([]);
		await page.keyboard.press('ArrowDown');
		await expect(box).toHaveAttribute('aria-activedescendant', 'gs-option-0');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/clients\/cli_demo_northwind$/);
		await expect(page.getByRole('heading', { name: 'Northwind Traders', level: 1 })).toBeVisible();

		// A word from a staff-only note in a thread; Enter with no suggestion chosen opens the results page.
		await page.keyboard.press('/');
		await page.keyboard.type('re-licensing');
		await expect(page.getByRole('listbox', { name: 'Search suggestions' }).getByRole('option')).not.toHaveCount(0);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/search\?q=re-licensing/);
		await expect(page.getByRole('heading', { name: 'Messages' })).toBeVisible();
		await page.getByRole('link', { name: 'Design feedback' }).first().click();
		await expect(page).toHaveURL(/\/threads\/thr_demo_design$/);

		// Another workspace's client is never found.
		await page.goto(dashboardUrl('/search?q=roadrunner'));
		await expect(page.getByText('Nothing in this workspace matches')).toBeVisible();
	});

	test('downloads the clients and invoices CSV exports', async ({ page }) => {
		await signInByLink(page, 'owner@demo.test');
		await page.goto(dashboardUrl('/clients'));
		const [clients] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Export CSV' }).click()
		]);
		expect(clients.suggestedFilename()).toMatch(/^demo-clients-\d{4}-\d{2}-\d{2}\.csv$/);
		const text = await readFile((await clients.path())!, 'utf8');
		expect(text.split('\r\n')[0]).toBe(
			'\uFEFFid,name,website,phone,address,primary_contact,primary_contact_email,archived_at,created_at'
		);
		expect(text).toContain('Northwind Traders');
		expect(text).not.toContain('Roadrunner');

		await page.goto(dashboardUrl('/invoices'));
		const [invoices] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Export invoices (CSV)' }).click()
		]);
		const csv = await readFile((await invoices.path())!, 'utf8');
		expect(csv).toMatch(/INV-0003,inv_demo_overdue,Northwind Traders,sent,\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},USD,/);
	});

	test('revenue charts sit beside their tables, and a statement of account prints', async ({ page }) => {
		await signInByLink(page, 'owner@demo.test');
		await page.goto(dashboardUrl('/'));
		await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Revenue' }).click();
		await expect(page.getByRole('heading', { name: 'Revenue', level: 1 })).toBeVisible();
		await expect(page.getByRole('img', { name: /Invoiced, paid and still unpaid per month in USD/ })).toBeVisible();
		await expect(page.getByRole('table', { name: /per month in USD/ }).getByRole('row')).toHaveCount(13);
		const overdue = page.getByRole('table', { name: 'Overdue amount by client' });
		await expect(overdue.getByRole('link', { name: 'Northwind Traders', exact: true })).toBeVisible();
		await overdue.getByRole('link', { name: 'Statement of Northwind Traders' }).click();
		await expect(page.getByRole('heading', { name: 'Statement of account' })).toBeVisible();
		await expect(page.getByRole('cell', { name: 'Balance brought forward' }).first()).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('combobox', { name: 'Search the workspace' })).toBeHidden();
		await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
		await expect(page.getByRole('heading', { name: 'Statement of account' })).toBeVisible();
	});
});
