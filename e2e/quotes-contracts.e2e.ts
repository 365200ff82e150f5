import { expect, test, type Page } from '@playwright/test';
import {
	dashboardUrl,
	drawOn,
	devLoginLink,
	gotoHydrated,
	nextEmail,
	outbox,
	portalUrl,
	seenIds,
	signIn,
	type OutboxEmail
} from './support';

type WithAttachments = OutboxEmail & { attachments: { filename: string; contentType: string }[] };

test.describe('quotes and contracts', () => {
	test('a client accepts a quote and the new project appears in their portal', async ({ page }) => {
		const staffSeen = await seenIds('owner@demo.test');
		await signIn(page, portalUrl('demo'), 'client@demo.test');
		await page.getByRole('link', { name: 'Quotes' }).click();
		await expect(page.getByRole('link', { name: /Newsletter templates/ })).toHaveCount(0); // a draft
		await page.getByRole('link', { name: /SEO and analytics setup/ }).click();
		await expect(page.getByRole('heading', { name: /Q-0002 SEO and analytics setup/ })).toBeVisible();
		await expect(page.locator('[data-total="Total (USD)"]')).toHaveText('$2,168.81');

		// Forgetting to confirm gets a message next to the box.
		await page.getByRole('button', { name: 'Accept quote' }).click();
		await expect(page.locator('#confirm-error')).toHaveText(/Tick the box/);
		await page.getByLabel(/I accept this quote for \$2,168\.81/).check();
		await page.getByRole('button', { name: 'Accept quote' }).click();
		await expect(page.getByText('Thank you! You accepted this quote.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Accept quote' })).toHaveCount(0);

		await page.getByRole('link', { name: 'SEO and analytics setup', exact: true }).click();
		await expect(page.getByRole('heading', { name: 'SEO and analytics setup', level: 1 })).toBeVisible();
		await page
			.getByRole('navigation', { name: 'Portal' })
			.getByRole('link', { name: /^Projects\b/ })
			.click();
		await expect(page.getByRole('heading', { name: 'SEO and analytics setup' })).toBeVisible();

		const mail = await nextEmail('owner@demo.test', staffSeen, (m) => m.subject.includes('accepted Q-0002'));
		expect(mail.text).toContain('/projects/prj_');
	});

	test('an expired quote says so and cannot be accepted', async ({ page }) => {
		await signIn(page, portalUrl('demo'), 'client@demo.test');
		await page.goto(portalUrl('demo', '/quotes/quo_demo_expired'));
		await expect(page.getByText(/This quote expired on .* and can no longer be accepted/)).toBeVisible();
		await expect(page.getByText('Expired', { exact: true })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Accept quote' })).toHaveCount(0);
	});

	test('a client draws a signature on the canvas and the signed PDF arrives by email', async ({ page }) => {
		const seen = await seenIds('client@demo.test');
		await signIn(page, portalUrl('demo'), 'client@demo.test');
		await page.goto(portalUrl('demo', '/contracts/ctr_demo_sent'));
		await expect(page.getByRole('heading', { name: 'Maintenance retainer agreement' })).toBeVisible();
		await page.getByLabel('Draw my signature').check();
		await expect(page.locator('canvas.signature-pad')).toBeVisible();

		// Signing without drawing or consenting is refused with messages by the fields.
		await page.getByRole('button', { name: 'Sign contract' }).click();
		await expect(page.locator('#consent-error')).toHaveText(/Tick the box/);

		await page.getByLabel('Draw my signature').check();
		await drawOn(page, 'canvas.signature-pad');
		await expect(page.getByText('Signature drawn.')).toBeVisible();
		await page.getByLabel(/I agree to sign this contract electronically/).check();
		await page.getByRole('button', { name: 'Sign contract' }).click();
		await expect(page.getByText('Thank you, the contract is signed.')).toBeVisible();
		await expect(page.getByRole('img', { name: 'Drawn signature of Casey Client' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Download signed PDF' })).toBeVisible();

		const mail = (await nextEmail(
			'client@demo.test',
			seen,
			(m) => m.subject === 'Signed: Maintenance retainer agreement'
		)) as WithAttachments;
		expect(mail.attachments).toEqual([
			{ filename: 'maintenance-retainer-agreement-signed.pdf', contentType: 'application/pdf' }
		]);
		const staffCopy = (await outbox('owner@demo.test')).find(
			(m) => m.subject === 'Signed: Maintenance retainer agreement'
		) as WithAttachments;
		expect(staffCopy.attachments.map((a) => a.filename)).toEqual(['maintenance-retainer-agreement-signed.pdf']);

		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download signed PDF' }).click();
		expect((await download).suggestedFilename()).toBe('maintenance-retainer-agreement-signed.pdf');
	});

	test('staff build a quote (typos keep what was typed), send it, and the client gets it', async ({ page }) => {
		const seen = await seenIds('other@demo.test');
		// A minted link rather than the login form: the form is covered by login.e2e.ts, and on the
		// hydrating dashboard a fill can race hydration under load (reported to the lead).
		await page.goto(await devLoginLink('owner@demo.test'));
		await page.getByRole('button', { name: 'Continue and sign in' }).click();
		await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
		await gotoHydrated(page, dashboardUrl('/quotes/new'));
		await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Globex Corporation' });
		await page.getByLabel('Title').fill('Support retainer');
		await page.getByLabel('Line 1: description').fill('Support hours');
		await page.getByLabel('Quantity').first().fill('10');
		await page.getByLabel('Unit price (USD)').first().fill('1O0');
		await page.getByLabel('Tax rate % (optional)').fill('7.5');
		await page.getByRole('button', { name: 'Save draft' }).click();
		await expect(page.locator('#items-0-unitPrice-error')).toBeVisible();
		await expect(page.getByLabel('Line 1: description')).toHaveValue('Support hours');
		await expect(page.getByLabel('Title')).toHaveValue('Support retainer');
		await page.getByLabel('Unit price (USD)').first().fill('125.00');
		await page.getByRole('button', { name: 'Save draft' }).click();
		await expect(page.getByRole('heading', { name: /Q-\d{4} Support retainer/ })).toBeVisible();
		await expect(page.locator('[data-total="Total (USD)"]')).toHaveText('$1,343.75');
		await page.getByRole('button', { name: 'Send to client' }).click();
		await expect(page.getByText('Sent to other@demo.test.')).toBeVisible();
		const mail = await nextEmail('other@demo.test', seen, (m) => m.subject.includes('Support retainer'));
		expect(mail.text).toMatch(/http:\/\/demo\.localhost:\d+\/quotes\/quo_/);
	});
});
