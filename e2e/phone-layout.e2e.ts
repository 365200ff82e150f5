import { expect, test, type Page } from '@playwright/test';
import { portalUrl } from './support';

const PHONE = { width: 375, height: 812 };

/** The little of the DOM these checks use (the e2e type check has no DOM library). */
type Doc = { createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): { left: number; right: number } }; documentElement: { clientWidth: number } };

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
