import { expect, test, type Page } from '@playwright/test';
import { gotoHydrated, portalUrl, signInByLink } from './support';

async function drawOn(page: Page, selector: string) {
	await page.locator(selector).scrollIntoViewIfNeeded();
	const box = (await page.locator(selector).boundingBox())!;
	const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
	await page.mouse.move(...at(0.1, 0.7));
	await page.mouse.down();
	for (const [fx, fy] of [[0.2, 0.3], [0.3, 0.75], [0.45, 0.25], [0.6, 0.7], [0.75, 0.35], [0.9, 0.6]] as const) await page.mouse.move(...at(fx, fy), { steps: 6 });
	await page.mouse.up();
}

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
			const inked = await page.locator('canvas.signature-pad').evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
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

test('without JavaScript, a failed typed signature keeps the name and lists the error at the top, linked to the field', async ({ browser }) => {
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
