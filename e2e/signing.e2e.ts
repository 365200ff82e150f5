import { expect, test, type Page } from '@playwright/test';
import {
	dashboardUrl,
	drawOn,
	gotoHydrated,
	nextEmail,
	portalUrl,
	seenIds,
	signInByLink,
	type OutboxEmail
} from './support';

const signatureImage = (page: Page) => page.locator('input[name="signatureImage"]');

for (const viewport of [
	{ name: 'phone', width: 375, height: 812 },
	{ name: 'desktop', width: 1280, height: 900 }
]) {
	test.describe(`a sign form that comes back with an error (${viewport.name})`, () => {
		test.use({ viewport: { width: viewport.width, height: viewport.height } });

		test('keeps the drawing and the typed name, and puts the focus on the first error', async ({ page }) => {
			// Demo Studio's Globex contract: sent, unsigned. The phone run leaves it unsigned for the desktop run.
			await signInByLink(page, 'other@demo.test', { workspace: 'demo' });
			await gotoHydrated(page, portalUrl('demo', '/contracts/ctr_demo_globex'));

			// Typed, consent not ticked: the name stays, the consent box has the focus (scrolled into view).
			await page.getByLabel('Type your full name as your signature').fill('Oscar Other');
			await page.getByRole('button', { name: 'Sign contract' }).click();
			await expect(page.locator('#consent-error')).toHaveText(/Tick the box/);
			await expect(page.getByLabel(/I agree to sign this contract electronically/)).toBeFocused();
			await expect(page.getByLabel(/I agree to sign this contract electronically/)).toBeInViewport();
			await expect(page.getByLabel('Type your full name as your signature')).toHaveValue('Oscar Other');

			// Drawn, consent not ticked: the drawing survives the error.
			await page.getByLabel('Draw my signature').check();
			await drawOn(page, 'canvas.signature-pad');
			await expect(page.getByText('Signature drawn.')).toBeVisible();
			const drawn = await signatureImage(page).inputValue();
			expect(drawn).toMatch(/^data:image\/png;base64,/);
			await page.getByRole('button', { name: 'Sign contract' }).click();
			await expect(page.locator('#consent-error')).toHaveText(/Tick the box/);
			await expect(page.getByLabel(/I agree to sign this contract electronically/)).toBeFocused();
			await expect(page.getByText('Signature drawn.')).toBeVisible();
			await expect(page.getByText('Nothing drawn yet.')).toHaveCount(0);
			expect(await signatureImage(page).inputValue()).toBe(drawn);
			const inked = await page
				.locator('canvas.signature-pad')
				.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
			expect(inked).toBe(drawn);

			if (viewport.name === 'desktop') {
				await page.getByLabel(/I agree to sign this contract electronically/).check();
				await page.getByRole('button', { name: 'Sign contract' }).click();
				await expect(page.getByText('Thank you, the contract is signed.')).toBeVisible();
				await expect(page.getByRole('img', { name: 'Drawn signature of Oscar Other' })).toBeVisible();
			}
		});
	});
}

test('without JavaScript, a failed typed signature keeps the name and lists the error at the top, linked to the field', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
	const page = await context.newPage();
	await signInByLink(page, 'client@acme.test', { workspace: 'acme' });
	await page.goto(portalUrl('acme', '/contracts/ctr_acme_sent'));
	await page.getByLabel('Type your full name as your signature').fill('Riley Runner');
	await page.getByRole('button', { name: 'Sign contract' }).click();
	const summary = page.locator('.alert-error', { hasText: 'Your signature is not recorded yet' });
	await expect(summary).toBeInViewport();
	await expect(summary.getByRole('link', { name: /Tick the box/ })).toHaveAttribute('href', '#consent');
	await expect(page.getByLabel('Type your full name as your signature')).toHaveValue('Riley Runner');
	await context.close();
});

test.describe('countersigning', () => {
	test('"We countersign" is a setting, the default of new contracts, and each contract can say otherwise', async ({
		page
	}) => {
		await signInByLink(page, 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/settings/contracts'));
		await expect(page.getByLabel('We countersign')).toBeChecked();
		await page.getByLabel('We countersign').uncheck();
		await page.getByRole('button', { name: 'Save contract settings' }).click();
		await expect(page.getByText('Contract settings saved.')).toBeVisible();
		await expect(page.getByLabel('We countersign')).not.toBeChecked();
		await gotoHydrated(page, dashboardUrl('/contracts/new'));
		await expect(page.getByLabel('We countersign this contract')).not.toBeChecked();

		await gotoHydrated(page, dashboardUrl('/settings/contracts'));
		await page.getByLabel('We countersign').check();
		await page.getByRole('button', { name: 'Save contract settings' }).click();
		await expect(page.getByText('Contract settings saved.')).toBeVisible();
		await gotoHydrated(page, dashboardUrl('/contracts/new'));
		await expect(page.getByLabel('We countersign this contract')).toBeChecked();
		// This one contract: the client's signature completes it.
		await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Globex Corporation' });
		await page.getByLabel('Title').fill('Quick statement of work');
		await page.getByLabel('Contract text').fill('## Work\n\nOne landing page.');
		await page.getByLabel('We countersign this contract').uncheck();
		await page.getByRole('button', { name: 'Save draft' }).click();
		await expect(page.getByRole('heading', { name: 'Quick statement of work' })).toBeVisible();
		await page.getByRole('link', { name: 'Edit' }).click();
		await expect(page.getByLabel('We countersign this contract')).not.toBeChecked();
	});

	for (const viewport of [
		{ name: 'phone', width: 375, height: 812 },
		{ name: 'desktop', width: 1280, height: 900 }
	]) {
		test(`staff countersign with a drawn signature and both parties get the PDF signed by both (${viewport.name})`, async ({
			page
		}) => {
			await page.setViewportSize({ width: viewport.width, height: viewport.height });
			// A contract of its own (the demo's ctr_demo_awaiting stays for the accessibility audit): sent, signed by the client.
			const title = `Support plan (${viewport.name})`;
			let contract = '';
			{
				await signInByLink(page, 'owner@demo.test');
				await gotoHydrated(page, dashboardUrl('/contracts/new'));
				await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Northwind Traders' });
				await page.getByLabel('Title').fill(title);
				await page.getByLabel('Contract text').fill('## Support\n\nTen hours a month.');
				await expect(page.getByLabel('We countersign this contract')).toBeChecked();
				await page.getByRole('button', { name: 'Save draft' }).click();
				await page.getByRole('button', { name: 'Send for signature' }).click();
				await expect(page.getByText(/Sent for signature to/)).toBeVisible();
				contract = /\/contracts\/(ctr_[\w-]+)/.exec(page.url())![1];
				const client = await page.context().newPage();
				await signInByLink(client, 'client@demo.test', { workspace: 'demo' });
				await gotoHydrated(client, portalUrl('demo', `/contracts/${contract}`));
				await expect(client.getByText(/Demo Studio then countersigns/)).toBeVisible();
				await client.getByLabel('Type your full name as your signature').fill('Casey Client');
				await client.getByLabel(/I agree to sign this contract electronically/).check();
				await client.getByRole('button', { name: 'Sign contract' }).click();
				await expect(client.getByText(/We'll email you the signed PDF once Demo Studio countersigns/)).toBeVisible();
				await client.close();
			}
			const clientSeen = await seenIds('client@demo.test');
			await signInByLink(page, 'owner@demo.test');
			await gotoHydrated(page, dashboardUrl(`/contracts/${contract}`));
			await expect(page.getByText('Signed, awaiting countersignature')).toBeVisible();
			await expect(
				page.getByText(/Casey Client signed for Northwind Traders\. It awaits your countersignature/)
			).toBeVisible();
			const form = page.locator('section', { has: page.getByRole('heading', { name: 'Countersign' }) });
			await form.getByLabel('Draw my signature').check();
			await drawOn(page, 'canvas.signature-pad');
			await page.getByRole('button', { name: 'Countersign contract' }).click();
			await expect(page.locator('#consent-error')).toHaveText(/Tick the box/);
			await expect(
				form.getByLabel(/I agree to countersign this contract electronically for Demo Studio/)
			).toBeFocused();
			await expect(page.getByText('Signature drawn.')).toBeVisible();
			await form.getByLabel(/I agree to countersign/).check();
			await page.getByRole('button', { name: 'Countersign contract' }).click();
			await expect(page.getByText('Countersigned: the contract is signed by both parties.')).toBeVisible();
			await expect(page.getByText('Signed by both parties', { exact: true })).toBeVisible();
			await expect(page.getByRole('img', { name: 'Drawn signature of Olivia Owner' })).toBeVisible();
			await expect(page.locator('.audit-trail')).toContainText('Countersigned');

			const mail = (await nextEmail(
				'client@demo.test',
				clientSeen,
				(m) => m.subject === `Signed by both parties: ${title}`
			)) as OutboxEmail & { attachments: { filename: string }[] };
			expect(mail.text).toContain(
				'Casey Client signed for Northwind Traders, and Olivia Owner countersigned for Demo Studio.'
			);
			expect(mail.attachments).toHaveLength(1);

			// The client's portal says both have signed.
			const client = await page.context().newPage();
			await signInByLink(client, 'client@demo.test', { workspace: 'demo' });
			await client.goto(portalUrl('demo', `/contracts/${contract}`));
			await expect(client.getByText(/Countersigned by Demo Studio on .*: signed by both parties\./)).toBeVisible();
			await client.close();
		});
	}
});
