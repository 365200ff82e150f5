import { expect, test } from '@playwright/test';
import { dashboardUrl, nextEmail, portalUrl, seenIds, seriousA11yViolations, signIn, signInByLink } from './support';

/**
 * The demo proposal (worker/dev/seed/billing.ts): Initech's Q-0008 "Intranet phase 2" asks for the services
 * contract (generated on acceptance) and a 30% deposit, with one optional line. The client accepts,
 * signs and pays the deposit on one path, then pays the balance later from the invoice.
 * Lines: 3,200.00 + 850.00, optional 600.00; sales tax 8.25%.
 */
test.describe.serial('the proposal flow', () => {
	test('a client accepts a quote with a contract and a deposit, signs, pays and ends on "You\'re all set"', async ({
		page
	}) => {
		const seenStaff = await seenIds('owner@demo.test');
		await signIn(page, portalUrl('demo'), 'peter@initech.test');
		await page.goto(portalUrl('demo', '/quotes/quo_demo_proposal'), { waitUntil: 'networkidle' });
		await expect(page.getByRole('heading', { name: /Q-0008 Intranet phase 2/ })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'What accepting involves' })).toBeVisible();
		// Without the option: 4,050.00 + 334.13 tax.
		await expect(page.locator('[data-total="Total (USD)"]')).toHaveText('$4,384.13');
		expect(await seriousA11yViolations(page)).toEqual([]);

		// Ticking the option updates the total and the deposit as the client clicks.
		await page.getByLabel('Search analytics dashboard').check();
		await expect(page.getByTestId('chosen-total')).toHaveText('$5,033.63');
		await expect(page.locator('[data-total="Total (USD)"]')).toHaveText('$5,033.63');
		await expect(page.getByText(/deposit \$1,510\.09/)).toBeVisible();

		await page.getByLabel(/I accept this quote for \$5,033\.63/).check();
		await page.getByRole('button', { name: 'Accept and continue' }).click();

		// Step 2: the contract, generated from the template for Initech.
		await expect(page.getByRole('heading', { name: 'Next: sign the contract' })).toBeVisible();
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.getByRole('link', { name: 'Read and sign the contract' }).click();
		await expect(page.getByRole('heading', { name: /Services agreement \(Q-0008\)/ })).toBeVisible();
		// The sign form is enhanced once the page hydrates: type after that, or the name can be lost on a slow machine.
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Type your full name as your signature').fill('Peter Gibbons');
		await page.getByLabel(/I agree to sign this contract electronically/).check();
		await page.getByRole('button', { name: 'Sign contract' }).click();

		// Step 3: the deposit, through the local stand-in checkout.
		await expect(page.getByRole('heading', { name: 'Next: pay the deposit' })).toBeVisible();
		await page.getByRole('button', { name: 'Pay the deposit of $1,510.09 now' }).click();
		await expect(page.getByRole('heading', { name: 'Test checkout' })).toBeVisible();
		await page.getByRole('button', { name: 'Pay $1,510.09' }).click();

		await expect(page.getByRole('heading', { name: "You're all set" })).toBeVisible();
		await expect(page.getByText(/Deposit of \$1,510\.09 paid/)).toBeVisible();
		await expect(page.getByText(/Balance: \$3,523\.54 due/)).toBeVisible();
		expect(await seriousA11yViolations(page)).toEqual([]);

		// Staff see one status for the whole proposal.
		const mail = await nextEmail('owner@demo.test', seenStaff, (m) => m.subject.includes('accepted Q-0008'));
		expect(mail.text).toContain('sign the contract and pay the deposit');
		await signInByLink(page, 'owner@demo.test');
		await page.goto(dashboardUrl('/quotes/quo_demo_proposal'));
		await expect(page.getByRole('heading', { name: 'Proposal: Complete' })).toBeVisible();
		await page.goto(dashboardUrl('/quotes'));
		await expect(page.getByRole('row', { name: /Intranet phase 2.*Proposal: Complete/ })).toBeVisible();
	});

	test('the client pays the second instalment later, from the invoice', async ({ page }) => {
		await signIn(page, portalUrl('demo'), 'peter@initech.test');
		await page.goto(portalUrl('demo', '/quotes/quo_demo_proposal/next'));
		await page
			.getByRole('link', { name: /^Invoice INV-\d{4}$/ })
			.first()
			.click();
		await expect(page.getByRole('heading', { name: /Invoice INV-\d{4}/ })).toBeVisible();
		await expect(
			page.getByRole('table', { name: 'Payment schedule' }).getByRole('row', { name: /Deposit.*Paid/ })
		).toBeVisible();
		await expect(
			page.getByRole('table', { name: 'Payment schedule' }).getByRole('row', { name: /Balance.*Due/ })
		).toBeVisible();
		expect(await seriousA11yViolations(page)).toEqual([]);

		await page.getByRole('button', { name: 'Pay $3,523.54 now' }).click();
		await expect(page.getByRole('heading', { name: 'Test checkout' })).toBeVisible();
		await page.getByRole('button', { name: 'Pay $3,523.54' }).click();
		await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
		await page.getByRole('link', { name: 'Back to the invoice' }).click();
		await expect(page.getByText(/Paid in full on/)).toBeVisible();
		await expect(
			page.getByRole('table', { name: 'Payment schedule' }).getByRole('row', { name: /Balance.*Paid/ })
		).toBeVisible();
	});

	test('on a phone, the quote with options and the schedule fit the screen', async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 740 });
		await signIn(page, portalUrl('demo'), 'marina@blueharbor.test');
		await page.goto(portalUrl('demo', '/invoices/inv_demo_schedule'));
		await expect(page.getByRole('table', { name: 'Payment schedule' })).toBeVisible();
		await expect(page.getByRole('radio', { name: /At launch/ })).toBeChecked();
		// The e2e type check has no DOM library: type the little of it this reads.
		const width = await page.evaluate(
			() =>
				(globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
					.scrollWidth
		);
		expect(width).toBeLessThanOrEqual(375);
		expect(await seriousA11yViolations(page)).toEqual([]);
	});
});
