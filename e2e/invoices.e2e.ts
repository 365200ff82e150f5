import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { dashboardUrl, gotoHydrated, nextEmail, portalUrl, seenIds, seriousA11yViolations, signIn } from './support';

test.describe('invoices and payments', () => {
	test('a client pays an invoice through the local checkout and sees it marked paid, with a receipt', async ({
		page
	}) => {
		await signIn(page, portalUrl('demo'), 'client@demo.test');
		const seenClient = await seenIds('client@demo.test');
		const seenOwner = await seenIds('owner@demo.test');
		await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Invoices' }).click();
		await expect(page.getByRole('heading', { name: 'Invoices', exact: true })).toBeVisible();
		// Drafts (INV-0005) and other clients' invoices (INV-0007) are not listed.
		await expect(page.getByRole('link', { name: 'INV-0005' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'INV-0007' })).toHaveCount(0);
		await page.getByRole('link', { name: 'INV-0004' }).click();

		await expect(page.getByRole('heading', { name: 'Invoice INV-0004' })).toBeVisible();
		await expect(page.locator('[data-total="Amount due"]')).toHaveText('$2,037.50');
		await page.getByRole('button', { name: 'Pay $2,037.50 now' }).click();

		await expect(page.getByRole('heading', { name: 'Test checkout' })).toBeVisible();
		await page.getByRole('button', { name: 'Pay $2,037.50' }).click();

		await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
		await page.getByRole('link', { name: 'Back to the invoice' }).click();
		await expect(page.locator('.badge').filter({ hasText: /^Paid$/ })).toBeVisible();
		await expect(page.getByText(/Paid in full on/)).toBeVisible();
		await expect(page.getByRole('button', { name: /Pay .* now/ })).toHaveCount(0);

		const receipt = await nextEmail('client@demo.test', seenClient, (m) => m.subject.startsWith('Receipt'));
		expect(receipt.subject).toBe('Receipt: $2,037.50 paid on invoice INV-0004');
		expect(receipt.text).toContain('INV-0004 is now paid in full');
		const staffNote = await nextEmail('owner@demo.test', seenOwner, (m) => m.subject.startsWith('Payment received'));
		expect(staffNote.subject).toContain('$2,037.50');

		// The list marks it paid, and the payment is in the history.
		await page.goto(portalUrl('demo', '/invoices'));
		await expect(page.getByRole('row', { name: /INV-0004.*Paid/ })).toBeVisible();
		await expect(
			page.getByRole('table', { name: 'Payments you have made' }).getByRole('link', { name: 'INV-0004' })
		).toBeVisible();
	});

	test('a client downloads an invoice as a PDF', async ({ page }) => {
		await signIn(page, portalUrl('demo'), 'client@demo.test');
		await page.goto(portalUrl('demo', '/invoices/inv_demo_overdue'));
		await expect(page.locator('.badge').filter({ hasText: /^Overdue$/ })).toBeVisible();
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download PDF' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toBe('INV-0003.pdf');
		const bytes = await readFile((await file.path())!);
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
	});

	test('staff create an invoice, fix a mistake without losing what they typed, and send it to the client', async ({
		page,
		browser
	}) => {
		await signIn(page, dashboardUrl(), 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/invoices'));
		await page.getByRole('link', { name: 'New invoice' }).click();
		await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Northwind Traders' });
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.getByLabel('Line 1: description').fill('Launch support');
		await page.getByLabel('Quantity').first().fill('3');
		await page.getByLabel('Unit price').first().fill('12.345');
		await page.getByLabel('Tax rate (%)').fill('10');
		await page.getByRole('button', { name: 'Save draft' }).click();

		await expect(page.locator('#items-0-unitPrice-error')).toContainText('USD');
		await expect(page.getByLabel('Unit price').first()).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Line 1: description')).toHaveValue('Launch support');
		await page.getByLabel('Unit price').first().fill('120');
		await page.getByRole('button', { name: 'Save draft' }).click();

		await expect(page.getByRole('heading', { name: /Invoice INV-\d{4}/ })).toBeVisible();
		const heading = (await page.getByRole('heading', { name: /Invoice INV-\d{4}/ }).textContent())!;
		const number = heading.replace('Invoice ', '').trim();
		await expect(page.locator('.badge').filter({ hasText: /^Draft$/ })).toBeVisible();
		await expect(page.locator('[data-total="Total"]')).toHaveText('$396.00');

		const seen = await seenIds('client@demo.test');
		await page.getByRole('button', { name: 'Send to client' }).click();
		// Every active contact of Northwind gets it (Casey and Nina).
		await expect(page.getByText(new RegExp(`${number} sent to .*client@demo\\.test`))).toBeVisible();
		const mail = await nextEmail('client@demo.test', seen, (m) => m.subject.includes(number));
		const link = /(http:\/\/demo\.localhost:\d+\/invoices\/inv_\w+)/.exec(mail.text)![1];

		const client = await browser.newContext();
		const portal = await client.newPage();
		await signIn(portal, portalUrl('demo'), 'client@demo.test');
		await portal.goto(link);
		await expect(portal.getByRole('heading', { name: `Invoice ${number}` })).toBeVisible();
		await expect(portal.locator('[data-total="Amount due"]')).toHaveText('$396.00');
		await client.close();
	});

	test('staff record a bank transfer: an overpayment is refused next to the field, then the invoice is paid and the client sees it', async ({
		page,
		browser
	}) => {
		const seen = await seenIds('client@demo.test');
		await signIn(page, dashboardUrl(), 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/invoices/inv_demo_partial'));
		await expect(page.locator('[data-total="Amount due"]')).toHaveText('$3,400.00');
		await recordPayment(page, { amount: '3,400.01', method: 'Bank transfer', note: 'EFT ref NW-BAL-77' });

		await expect(page.locator('#amount-error')).toContainText('more than the $3,400.00 still due');
		await expect(page.getByLabel('Amount (USD)')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel(/^Note/)).toHaveValue('EFT ref NW-BAL-77');
		// The open form, with its error, passes the same accessibility audit as every page.
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.getByLabel('Amount (USD)').fill('3400');
		await page.getByRole('button', { name: 'Record payment' }).click();

		await expect(page.getByText('Payment of $3,400.00 recorded.')).toBeVisible();
		await expect(page.locator('.badge').filter({ hasText: /^Paid$/ })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Payments' }).getByText('EFT ref NW-BAL-77')).toBeVisible();
		const receipt = await nextEmail(
			'client@demo.test',
			seen,
			(m) => m.subject.startsWith('Receipt') && m.subject.includes('INV-0002')
		);
		expect(receipt.text).toContain('by bank transfer');
		expect(receipt.text).not.toContain('NW-BAL-77');

		const client = await browser.newContext();
		const portal = await client.newPage();
		await signIn(portal, portalUrl('demo'), 'client@demo.test');
		await portal.goto(portalUrl('demo', '/invoices/inv_demo_partial'));
		await expect(portal.locator('.badge').filter({ hasText: /^Paid$/ })).toBeVisible();
		await expect(portal.getByText(/\$3,400\.00 paid on .*\(bank transfer\)/)).toBeVisible();
		await expect(portal.getByText('NW-BAL-77')).toHaveCount(0);
		await client.close();
	});

	test('staff reverse a payment recorded by mistake: the invoice is due again and the client no longer sees it', async ({
		page,
		browser
	}) => {
		await signIn(page, dashboardUrl(), 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/invoices/inv_demo_overdue'));
		await expect(page.locator('[data-total="Amount due"]')).toHaveText('$292.24');
		await recordPayment(page, { amount: '100', method: 'Cash' });
		await expect(page.getByText('Payment of $100.00 recorded.')).toBeVisible();

		// The confirm step is a <details>: it works the same without JavaScript.
		const row = page.getByRole('region', { name: 'Payments' }).getByRole('row').filter({ hasText: 'Cash' });
		await row.getByText('Reverse', { exact: true }).click();
		await row.getByRole('button', { name: 'Reverse $100.00 payment' }).click();
		await expect(page.getByText('Payment of $100.00 reversed: it no longer counts towards INV-0003.')).toBeVisible();
		await expect(page.locator('[data-total="Amount due"]')).toHaveText('$292.24');
		await expect(
			page.getByRole('region', { name: 'Payments' }).getByRole('row').filter({ hasText: 'Cash' })
		).toContainText('reversed');
		await expect(page.getByRole('button', { name: 'Reverse $100.00 payment' })).toHaveCount(0);

		const client = await browser.newContext();
		const portal = await client.newPage();
		await signIn(portal, portalUrl('demo'), 'client@demo.test');
		await portal.goto(portalUrl('demo', '/invoices/inv_demo_overdue'));
		await expect(portal.locator('[data-total="Amount due"]')).toHaveText('$292.24');
		await expect(portal.getByText(/\(cash\)/)).toHaveCount(0);
		await client.close();
	});
});

/** Opens "Record a payment" on the staff invoice page, fills it and submits it. */
async function recordPayment(page: Page, payment: { amount: string; method: string; note?: string }) {
	await page.getByText('Record a payment').click();
	await page.getByLabel('Amount (USD)').fill(payment.amount);
	await page.getByLabel('Method').selectOption({ label: payment.method });
	if (payment.note) await page.getByLabel(/^Note/).fill(payment.note);
	await page.getByRole('button', { name: 'Record payment' }).click();
}
