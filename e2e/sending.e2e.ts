import { expect, test, type Page } from '@playwright/test';
import { dashboardUrl, gotoHydrated, nextEmail, outbox, seenIds, signInByLink } from './support';

const NICO = 'accounts@northwind.test';
const picker = (page: Page) => page.getByRole('group', { name: 'Send to' });

async function expectDefaultChoice(page: Page) {
	await expect(picker(page).getByLabel(/Casey Client/)).toBeChecked();
	await expect(picker(page).getByLabel(/Nina North/)).toBeChecked();
	await expect(picker(page).getByLabel(/Nico Ledger/)).not.toBeChecked();
	await expect(picker(page).getByText('not invited to the portal yet')).toBeVisible();
}

test.describe('staff choose who a quote, invoice or contract goes to', () => {
	test('a quote: the portal contacts are ticked, nobody is refused by the field, and only the people chosen get it', async ({
		page
	}) => {
		const caseySeen = await seenIds('client@demo.test');
		await signInByLink(page, 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/quotes/new'));
		await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Northwind Traders' });
		await page.getByLabel('Title').fill('Bookkeeping export');
		await page.getByLabel('Line 1: description').fill('CSV export');
		await page.getByLabel('Unit price (USD)').first().fill('300');
		await page.getByRole('button', { name: 'Save draft' }).click();
		await expect(page.getByRole('heading', { name: /Bookkeeping export/ })).toBeVisible();
		await expectDefaultChoice(page);

		for (const name of [/Casey Client/, /Nina North/]) await picker(page).getByLabel(name).uncheck();
		await page.getByRole('button', { name: 'Send to client' }).click();
		await expect(page.locator('#recipients-error')).toHaveText('Choose at least one person to send it to.');
		await expect(page.getByText('Draft', { exact: true })).toBeVisible();

		await picker(page)
			.getByLabel(/Nico Ledger/)
			.check();
		await page.getByRole('button', { name: 'Send to client' }).click();
		await expect(page.getByText(`Sent to ${NICO}.`)).toBeVisible();
		await nextEmail(NICO, new Set(), (m) => m.subject.includes('Bookkeeping export'));
		expect(
			(await outbox('client@demo.test')).filter((m) => !caseySeen.has(m.id) && m.subject.includes('Bookkeeping export'))
		).toEqual([]);
	});

	test('a contract, on a phone: the same choice before sending for signature', async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 812 });
		const seen = await seenIds('nina@northwind.test');
		await signInByLink(page, 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/contracts/new'));
		await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Northwind Traders' });
		await page.getByLabel('Title').fill('Photo licence');
		await page.getByLabel('Contract text').fill('## Licence\n\nThe photos may be used on the website.');
		await page.getByRole('button', { name: 'Save draft' }).click();
		await expect(page.getByRole('heading', { name: 'Photo licence' })).toBeVisible();
		await expectDefaultChoice(page);
		await picker(page)
			.getByLabel(/Casey Client/)
			.uncheck();
		await page.getByRole('button', { name: 'Send for signature' }).click();
		await expect(page.getByText('Sent for signature to nina@northwind.test.')).toBeVisible();
		await nextEmail('nina@northwind.test', seen, (m) => m.subject === 'Please review and sign: Photo licence');
		const fits = await page.evaluate(() => {
			const doc = (
				globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
			).document;
			return doc.documentElement.scrollWidth <= doc.documentElement.clientWidth;
		});
		expect(fits).toBe(true);
	});
});
