import { expect, test, type Page } from '@playwright/test';
import {
	dashboardUrl,
	devLoginLink,
	gotoHydrated,
	nextEmail,
	portalUrl,
	seenIds,
	signInByLink,
	signInLink
} from './support';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };
const LAPTOP = { width: 1366, height: 768 };

/** A link of the visible portal navigation (its name includes the count: "Invoices (2 to pay)"). */
const navLink = (page: Page, label: string) =>
	page
		.getByRole('navigation', { name: 'Portal' })
		.filter({ visible: true })
		.getByRole('link', { name: new RegExp(`^${label}`) });

for (const viewport of [
	{ name: 'desktop', size: DESKTOP },
	{ name: 'phone', size: PHONE }
]) {
	test.describe(`client portal at a glance (${viewport.name})`, () => {
		test.use({ viewport: viewport.size });

		test('the home lists what needs attention, each a link, and the navigation shows the same counts', async ({
			page
		}) => {
			await signInByLink(page, 'client@demo.test', { workspace: 'demo' });
			const attention = page.getByRole('region', { name: /Needs your attention/ });
			await expect(attention).toBeVisible();
			const items = attention.getByRole('listitem');
			await expect(items.first()).toBeVisible();
			const invoices = attention.locator('li.attention-invoice');
			await expect(invoices.first()).toContainText('Invoice to pay');
			await expect(invoices.first().locator('.attention-amount')).toHaveText(/^\$[\d,]+\.\d\d$/);
			await expect(attention.locator('li.attention-quote').first()).toContainText('Quote to answer');
			await expect(attention.locator('li.attention-contract').first()).toContainText('Contract to sign');
			await expect(attention.locator('li.attention-task').first()).toContainText('Question on a task');
			const invoiceCount = await invoices.count();
			const quoteCount = await attention.locator('li.attention-quote').count();

			if (viewport.name === 'phone') {
				// One line of header: brand and a Menu that discloses the links (with the same counts).
				const header = await page.locator('header.topbar').boundingBox();
				expect(header!.height).toBeLessThanOrEqual(80);
				const menu = page.locator('details.portal-menu > summary');
				await expect(menu).toBeVisible();
				await menu.focus();
				await page.keyboard.press('Enter');
			}
			await expect(navLink(page, 'Invoices')).toHaveAccessibleName(`Invoices (${invoiceCount} to pay)`);
			await expect(navLink(page, 'Quotes')).toHaveAccessibleName(`Quotes (${quoteCount} to answer)`);

			// Each item is a link to where the client acts on it.
			await invoices.first().getByRole('link').click();
			await expect(page).toHaveURL(/\/invoices\/inv_/);
			await expect(page.getByRole('heading', { level: 1 })).toContainText('INV-');
		});

		test('project tabs do not clip: every tab is on screen', async ({ page }) => {
			await signInByLink(page, 'client@demo.test', { workspace: 'demo' });
			await page.goto(portalUrl('demo', '/projects/prj_demo_website'));
			const tabs = page.getByRole('navigation', { name: /sections|Project/i }).getByRole('link');
			const count = await tabs.count();
			expect(count).toBeGreaterThanOrEqual(4);
			for (let i = 0; i < count; i++) {
				const box = await tabs.nth(i).boundingBox();
				expect(box!.x).toBeGreaterThanOrEqual(0);
				expect(box!.x + box!.width, await tabs.nth(i).innerText()).toBeLessThanOrEqual(viewport.size.width);
			}
			expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(viewport.size.width);
		});
	});
}

test.describe('staff layout on a phone', () => {
	test.use({ viewport: PHONE });

	test('the sidebar is a Menu button: a disclosure that works by keyboard and closes on Escape', async ({ page }) => {
		await signInByLink(page, 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/'));
		const button = page.getByRole('button', { name: 'Menu' });
		await expect(button).toHaveAttribute('aria-expanded', 'false');
		await expect(page.getByRole('navigation', { name: 'Dashboard' })).toBeHidden();
		await button.focus();
		await page.keyboard.press('Enter');
		await expect(button).toHaveAttribute('aria-expanded', 'true');
		const clients = page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Clients' });
		await expect(clients).toBeVisible();
		await page.keyboard.press('Tab');
		await page.keyboard.press('Escape');
		await expect(button).toHaveAttribute('aria-expanded', 'false');
		await expect(button).toBeFocused();
		await expect(clients).toBeHidden();
		// Open again and follow a link: the menu closes on the new page.
		await button.click();
		await clients.click();
		await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
		await expect(button).toHaveAttribute('aria-expanded', 'false');
		const header = await page.locator('aside.sidebar').boundingBox();
		expect(header!.height).toBeLessThanOrEqual(80);
	});
});

test.describe('task board on a 1,366 px laptop', () => {
	test.use({ viewport: LAPTOP });

	test('all five columns fit without scrolling, each card has one Move control, and it works by keyboard', async ({
		page
	}) => {
		await signInByLink(page, 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/projects/prj_demo_website'));
		const board = page.getByRole('region', { name: 'Task board' });
		const columns = board.locator('section.column');
		await expect(columns).toHaveCount(5);
		for (let i = 0; i < 5; i++) {
			const box = await columns.nth(i).boundingBox();
			expect(box!.x + box!.width, `column ${i + 1}`).toBeLessThanOrEqual(LAPTOP.width);
		}
		expect(await board.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);

		// One visible control per card.
		const card = board.locator('li.task', { hasText: 'Contact form integration' });
		await expect(card.locator('button:visible, summary:visible, select:visible')).toHaveCount(1);

		const move = card.locator('summary');
		await move.focus();
		await page.keyboard.press('Enter');
		await expect(card.getByRole('button', { name: /to In Review$/ })).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(card.getByRole('button', { name: /to In Review$/ })).toBeHidden();
		await expect(move).toBeFocused();
		await page.keyboard.press('Enter');
		await card.getByRole('button', { name: /to In Review$/ }).focus();
		await page.keyboard.press('Enter');
		const review = board.locator('section.column', { has: page.getByRole('heading', { name: 'In Review' }) });
		await expect(review.getByRole('link', { name: 'Contact form integration' })).toBeVisible();
		await expect(review.locator('li.task', { hasText: 'Contact form integration' }).locator('summary')).toBeFocused();
	});
});

test.describe('time zones', () => {
	test('a workspace zone and a client’s own zone: times show in it, with its name', async ({ page, browser }) => {
		await signInByLink(page, 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/settings/profile'));
		await page.getByLabel('Time zone', { exact: true }).selectOption('Asia/Tokyo');
		await page.getByRole('button', { name: 'Save time zone' }).click();
		await expect(page.getByText('Your time zone is saved.')).toBeVisible();
		await expect(page.getByText(/^Now: .* GMT\+9$/)).toBeVisible();
		await gotoHydrated(page, dashboardUrl('/projects/prj_demo_website/threads/thr_demo_design'));
		await expect(page.locator('.message time').first()).toHaveText(/GMT\+9$/);
		// Back to the workspace's zone (the demo's is Africa/Accra: GMT).
		await gotoHydrated(page, dashboardUrl('/settings/profile'));
		await page.getByLabel('Time zone', { exact: true }).selectOption('');
		await page.getByRole('button', { name: 'Save time zone' }).click();
		await expect(page.getByText(/^Now: .* GMT$/)).toBeVisible();

		const client = await browser.newContext();
		const portal = await client.newPage();
		await signInByLink(portal, 'nina@northwind.test', { workspace: 'demo' });
		await portal.goto(portalUrl('demo', '/account'));
		await portal.getByLabel('Time zone', { exact: true }).selectOption('America/Bogota');
		await portal.getByRole('button', { name: 'Save time zone' }).click();
		await expect(portal.getByText('Your time zone is saved.')).toBeVisible();
		await expect(portal.getByText(/^Now: .* GMT-5$/)).toBeVisible();
		await client.close();
	});
});

test.describe('a logged-out visitor starts a project', () => {
	test.use({ viewport: PHONE });

	test('from the sign-in page to the form, with a confirmation email', async ({ page }) => {
		await page.goto(portalUrl('demo', '/login'));
		const start = page.getByRole('region', { name: 'New here? Start a project' });
		await expect(start).toBeVisible();
		await start.getByRole('link', { name: 'Project enquiry' }).click();
		await expect(page.getByRole('heading', { name: 'Project enquiry' })).toBeVisible();
		const email = `walk-in-${Date.now()}@visitor.example`;
		await page.getByLabel('Your name').fill('Wally Walkin');
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Company').fill('Walk-in Ltd');
		await page.getByLabel('What do you need?').selectOption('Website');
		await page.getByLabel('Tell us about the project').fill('A small shop site.');
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
		const confirmation = await nextEmail(email);
		expect(confirmation.subject).toBe('We received your enquiry');
		expect(confirmation.text).not.toContain('Wally');
	});
});

test.describe('onboarding', () => {
	test('a new workspace lands on the getting-started checklist, which ticks itself and can be hidden', async ({
		page
	}) => {
		const slug = `studio-${Date.now().toString(36)}`;
		const email = `founder-${slug}@new.example`;
		await gotoHydrated(page, dashboardUrl('/signup'));
		await page.getByLabel('Business name').fill('New Studio');
		await page.getByLabel('Portal address').fill(slug);
		await page.getByLabel('Your name').fill('Nia New');
		await page.getByLabel('Email address').fill(email);
		await page.getByRole('button', { name: /Create|Sign up|Email me/ }).click();
		const mail = await nextEmail(email);
		await page.goto(/(https?:\/\/\S+\/signup\/confirm\?token=[\w-]+)/.exec(mail.text)![1]);
		await page.getByRole('button', { name: /Create|Confirm/ }).click();
		await expect(page).toHaveURL(/\/\?welcome=1$/);
		const checklist = page.getByRole('region', { name: 'Get started' });
		await expect(checklist).toContainText('0 of 4 done');
		await checklist.getByRole('link', { name: 'Add your first client' }).click();
		await page.getByLabel('Company name').fill('First Client Co');
		await page.getByRole('button', { name: 'Create client' }).click();
		await expect(page).toHaveURL(/\/clients\/cli_/);
		await page.goto(dashboardUrl('/'));
		await expect(checklist).toContainText('1 of 4 done');
		await expect(checklist.getByText('Add your first client (done)')).toBeVisible();
		await checklist.getByRole('button', { name: 'Hide this checklist' }).click();
		await expect(checklist).toBeHidden();
		await page.reload();
		await expect(page.getByRole('region', { name: 'Get started' })).toBeHidden();
	});
});

test.describe('invites that do not strand anyone', () => {
	test.use({ viewport: PHONE });

	test('an expired invitation link sends a fresh one in one click', async ({ page }) => {
		const link = await devLoginLink('nina@northwind.test', { workspace: 'demo', ttlSeconds: -1 });
		const seen = await seenIds('nina@northwind.test');
		await page.goto(link);
		await expect(page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
		await page.getByRole('button', { name: 'Send me a fresh link' }).click();
		await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
		const fresh = await nextEmail('nina@northwind.test', seen, (m) => m.subject.includes('sign-in link'));
		await page.goto(signInLink(fresh));
		await page.getByRole('button', { name: 'Continue and sign in' }).click();
		await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
	});
});
