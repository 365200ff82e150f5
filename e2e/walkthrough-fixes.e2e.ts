import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dashboardUrl, gotoHydrated, nextEmail, seenIds, signInByLink, type OutboxEmail } from './support';

/** Small things found in the end-to-end walkthrough (issue 13, "Broken"). */
test.describe('walkthrough fixes', () => {
	test('words around conditional text keep their spaces', async ({ page }) => {
		await signInByLink(page, 'owner@demo.test');
		await page.goto(dashboardUrl('/leads/lead_demo_qualified'));
		await expect(page.getByText(/^Received .+ from the form “Project enquiry”$/)).toBeVisible();

		// A client without projects: the empty state and its link read as a sentence.
		await gotoHydrated(page, dashboardUrl('/clients/new'));
		await page.getByLabel('Company name').fill('Spacing Test Ltd');
		await page.getByRole('button', { name: 'Create client' }).click();
		await expect(page.getByRole('heading', { name: 'Spacing Test Ltd' })).toBeVisible();
		await expect(page.locator('p.empty', { hasText: 'No projects yet' })).toHaveText('No projects yet. Start one');

		// Buttons whose accessible name ends in visually hidden words.
		await page.goto(dashboardUrl('/settings/team'));
		await expect(page.getByRole('button', { name: 'Change role of Max Member' })).toBeVisible();
		await page.goto(dashboardUrl('/leads'));
		await expect(page.getByRole('button', { name: /^Move \S/ }).first()).toBeVisible();
		await expect(page.getByRole('button', { name: /^Move[^ ]/ })).toHaveCount(0);
	});
});

test('staff download an invoice PDF without the page router trying it first', async ({ page }) => {
	const consoleErrors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') consoleErrors.push(m.text());
	});
	page.on('pageerror', (e) => consoleErrors.push(e.message));
	await signInByLink(page, 'owner@demo.test');
	await gotoHydrated(page, dashboardUrl('/invoices/inv_demo_sent'));
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download PDF' }).click();
	expect((await download).suggestedFilename()).toMatch(/^INV-\d{4}\.pdf$/);
	await expect(page.getByRole('heading', { name: /^Invoice INV-/ })).toBeVisible();
	expect(consoleErrors).toEqual([]);
});

test("a draft invoice's page shows what will be due once it is sent, not $0.00", async ({ page }) => {
	await signInByLink(page, 'owner@demo.test');
	await page.goto(dashboardUrl('/invoices/inv_demo_draft'));
	const total = await page.locator('[data-total^="Total"]').innerText();
	expect(total).not.toBe('$0.00');
	await expect(page.locator('.invoice-facts').getByText('Amount due')).toHaveCount(0);
	await expect(page.locator('.invoice-facts div', { hasText: 'Due once sent' }).locator('dd')).toHaveText(total);
});

test('"Use template" keeps a contract title already typed', async ({ page }) => {
	await signInByLink(page, 'owner@demo.test');
	await gotoHydrated(page, dashboardUrl('/contracts/new'));
	await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Globex Corporation' });
	await page.getByLabel('Title').fill('Mobile app build agreement');
	await page.getByLabel(/Start from a template/).selectOption({ label: 'Services agreement' });
	await page.getByRole('button', { name: 'Use template' }).click();
	await expect(page.getByLabel('Contract text')).toHaveValue(/\S/);
	await expect(page.getByLabel('Title')).toHaveValue('Mobile app build agreement');
	await expect(page.getByLabel('Client', { exact: true })).toHaveValue('cli_demo_globex');
	// Enter in the title saves the draft (the form's default button), with the template's placeholders filled.
	await page.getByLabel('Title').press('Enter');
	await expect(page.getByRole('heading', { name: 'Mobile app build agreement' })).toBeVisible();
	await expect(page.getByLabel('Contract text')).toContainText('Globex Corporation');
});

test('the dev outbox opens the attachments it lists', async ({ page }) => {
	const seen = await seenIds('other@demo.test');
	await signInByLink(page, 'owner@demo.test');
	await gotoHydrated(page, dashboardUrl('/invoices/inv_demo_globex'));
	await page.getByText('Record a payment').click();
	await page.getByLabel(/^Amount/).fill('1.00');
	await page.getByRole('button', { name: 'Record payment' }).click();
	await expect(page.getByText(/Payment of \$1\.00 recorded/)).toBeVisible();
	const receipt = (await nextEmail('other@demo.test', seen)) as OutboxEmail & { attachments: { filename: string }[] };
	const filename = receipt.attachments[0].filename;

	await page.goto(dashboardUrl('/dev/outbox'));
	const download = page.waitForEvent('download');
	await page.locator('article', { hasText: receipt.subject }).first().getByRole('link', { name: filename }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe(filename);
	const bytes = readFileSync((await file.path())!);
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
});

test('marking a project Complete with open tasks asks first, and the Overview stops counting them', async ({
	page
}) => {
	await signInByLink(page, 'owner@demo.test');
	const openTasks = async () => {
		await page.goto(dashboardUrl('/'));
		return Number(await page.locator('.card', { hasText: 'Open tasks' }).locator('.stat').innerText());
	};
	const before = await openTasks();
	await gotoHydrated(page, dashboardUrl('/projects/prj_demo_seo/edit'));
	await page.getByLabel('Status').selectOption('complete');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('alert').first()).toHaveText('1 task is still open. Choose what happens to it.');
	await expect(page.getByRole('group', { name: 'Open tasks' })).toContainText('1 task is still open on this project');
	await expect(page.getByLabel('Close them: move them to Complete')).toBeFocused();
	await expect(page.getByLabel('Status')).toHaveValue('complete');
	await page.getByLabel('Keep them open').check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page).toHaveURL(/\/projects\/prj_demo_seo$/);
	expect(await openTasks()).toBe(before - 1);
});
