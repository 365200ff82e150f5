import { expect, test, type Page } from '@playwright/test';
import { dashboardUrl, portalUrl, signInByLink } from './support';

const PHONE = { width: 375, height: 812 };

/** The little of the DOM these checks use (the e2e type check has no DOM library). */
type Doc = {
	createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): { left: number; right: number } };
	documentElement: { clientWidth: number };
};

/** Where the text of an element starts and ends on screen (not its box: padding is what keeps text off the edge). */
const textEdges = (page: Page, selector: string) =>
	page.locator(selector).evaluate((el) => {
		const document = (globalThis as unknown as { document: Doc }).document;
		const range = document.createRange();
		range.selectNodeContents(el);
		const r = range.getBoundingClientRect();
		return { left: r.left, right: r.right, viewport: document.documentElement.clientWidth };
	});

test.describe('portal layout on narrow screens', () => {
	test('the footer keeps the page margin at every width', async ({ page }) => {
		for (const width of [PHONE.width, 600, 790]) {
			await page.setViewportSize({ width, height: PHONE.height });
			await page.goto(portalUrl('demo', '/login'));
			const edges = await textEdges(page, 'footer.site-footer');
			expect(edges.left, `footer text at ${width}px`).toBeGreaterThanOrEqual(12);
			expect(edges.right, `footer text at ${width}px`).toBeLessThanOrEqual(edges.viewport - 12);
		}
	});
});

/** Whether every table region fits the screen: nothing scrolls sideways, so nothing is clipped. */
const tablesFit = (page: Page) =>
	page.locator('.table-wrap').evaluateAll((regions) =>
		regions.map((r) => {
			const el = r as unknown as { scrollWidth: number; clientWidth: number; getAttribute(n: string): string | null };
			return { label: el.getAttribute('aria-label'), fits: el.scrollWidth <= el.clientWidth + 1 };
		})
	);

/** A cell's text is inside the screen. */
async function expectOnScreen(page: Page, selector: string) {
	const cells = page.locator(selector);
	expect(await cells.count(), selector).toBeGreaterThan(0);
	const width = PHONE.width;
	for (const box of await cells.evaluateAll((els) =>
		els.map((e) =>
			(e as unknown as { getBoundingClientRect(): { left: number; right: number } }).getBoundingClientRect()
		)
	)) {
		expect(box.left, selector).toBeGreaterThanOrEqual(0);
		expect(box.right, selector).toBeLessThanOrEqual(width);
	}
}

test.describe('money and list tables on a phone', () => {
	test.use({ viewport: PHONE });

	test('portal: a quote’s amounts and total, and the invoice list’s status, total and due, are on screen as cards', async ({
		page
	}) => {
		await signInByLink(page, 'client@demo.test', { workspace: 'demo' });
		await page.goto(portalUrl('demo', '/quotes/quo_demo_sent'));
		await expectOnScreen(page, 'td[data-label="Amount"]');
		await expectOnScreen(page, '[data-total^="Total"]');
		await expect(page.locator('td[data-label="Amount"]').first()).toBeVisible();
		expect(await tablesFit(page)).toEqual([{ label: 'Line items', fits: true }]);

		await page.goto(portalUrl('demo', '/invoices'));
		for (const column of ['Status', 'Total', 'Due']) await expectOnScreen(page, `td[data-label="${column}"]`);
		expect((await tablesFit(page)).every((t) => t.fits)).toBe(true);
		await page.goto(portalUrl('demo', '/invoices/inv_demo_partial'));
		await expectOnScreen(page, 'td[data-label="Amount"]');
		await page.goto(portalUrl('demo', '/projects/prj_demo_website/time'));
		await expectOnScreen(page, 'td[data-label="Amount"]');
		expect((await tablesFit(page)).every((t) => t.fits)).toBe(true);
	});

	test('dashboard: invoice, quote, contract, project, client and payment lists fit as cards', async ({ page }) => {
		await signInByLink(page, 'owner@demo.test');
		for (const [path, column] of [
			['/invoices', 'Total'],
			['/quotes', 'Total'],
			['/contracts', 'Status'],
			['/projects', 'Due'],
			['/clients', 'Active projects'],
			['/invoices/inv_demo_partial', 'Amount'],
			['/projects/prj_demo_website/time', 'Amount']
		] as const) {
			await page.goto(dashboardUrl(path));
			await expectOnScreen(page, `td[data-label="${column}"]`);
			expect(
				(await tablesFit(page)).filter((t) => !t.fits),
				path
			).toEqual([]);
		}
	});

	test('on a wide screen the same tables stay tables', async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 900 });
		await signInByLink(page, 'client@demo.test', { workspace: 'demo' });
		await page.goto(portalUrl('demo', '/invoices'));
		await expect(page.locator('thead').first()).toBeVisible();
		expect(
			await page
				.locator('tbody tr')
				.first()
				.evaluate(
					(tr) =>
						(globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(tr)
							.display
				)
		).toBe('table-row');
	});
});
