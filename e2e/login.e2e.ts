import { expect, test } from '@playwright/test';
import { dashboardUrl, devLoginLink, nextEmail, portalUrl, seenIds, signIn, signInLink } from './support';

test.describe('magic-link login', () => {
	test('a client signs in from the email link and lands on their portal home', async ({ page }) => {
		await signIn(page, portalUrl('demo'), 'client@demo.test');
		await expect(page).toHaveURL(portalUrl('demo', '/'));
		await expect(page.getByRole('heading', { name: 'Welcome, Casey Client' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Website redesign' })).toBeVisible();
		await expect(page.getByText('Globex mobile app')).toHaveCount(0);
	});

	test('the login form looks the same for an unknown email', async ({ page }) => {
		await page.goto(portalUrl('demo', '/login'));
		await page.getByLabel('Email address').fill('stranger@demo.test');
		await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
		await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
	});

	test('an invalid email gets a message next to the field', async ({ page }) => {
		await page.goto(portalUrl('demo', '/login'));
		await page.getByLabel('Email address').fill('not-an-email');
		await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
		await expect(page.locator('#email-error')).toHaveText(/valid email/);
		await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Email address')).toHaveValue('not-an-email');
	});

	test('a used link shows a clear page with a fresh link one click away', async ({ page, browser }) => {
		const seen = await seenIds('client@demo.test');
		await page.goto(portalUrl('demo', '/login'));
		await page.getByLabel('Email address').fill('client@demo.test');
		await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
		const link = signInLink(await nextEmail('client@demo.test', seen));
		await page.goto(link);
		await page.getByRole('button', { name: 'Continue and sign in' }).click();
		await expect(page.getByRole('heading', { name: 'Welcome, Casey Client' })).toBeVisible();

		const other = await browser.newContext();
		const again = await other.newPage();
		await again.goto(link);
		await expect(again.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();
		await expect(again.getByRole('button', { name: 'Send me a fresh link' })).toBeVisible();
		await again.getByRole('link', { name: 'sign in with your email address' }).click();
		await expect(again.getByLabel('Email address')).toBeVisible();
		await other.close();
	});

	test('an expired link says so and sends a fresh one in one click', async ({ page }) => {
		const link = await devLoginLink('client@demo.test', { workspace: 'demo', ttlSeconds: -1 });
		const seen = await seenIds('client@demo.test');
		await page.goto(link);
		await expect(page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
		await page.getByRole('button', { name: 'Send me a fresh link' }).click();
		await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
		const fresh = await nextEmail('client@demo.test', seen, (m) => m.subject.includes('sign-in link'));
		await page.goto(signInLink(fresh));
		await page.getByRole('button', { name: 'Continue and sign in' }).click();
		await expect(page.getByRole('heading', { name: 'Welcome, Casey Client' })).toBeVisible();
	});

	test('a link from workspace A opened on workspace B does not sign in, and still works on A', async ({ page }) => {
		const link = await devLoginLink('client@demo.test', { workspace: 'demo' });
		const onAcme = link.replace('//demo.localhost', '//acme.localhost');
		await page.goto(onAcme);
		await expect(page.getByRole('heading', { name: 'This link is for a different portal' })).toBeVisible();
		await page.goto(portalUrl('acme', '/'));
		await expect(page).toHaveURL(portalUrl('acme', '/login'));
		await page.goto(link);
		await page.getByRole('button', { name: 'Continue and sign in' }).click();
		await expect(page.getByRole('heading', { name: 'Welcome, Casey Client' })).toBeVisible();
	});

	test("a client cannot reach another client's project by URL", async ({ page }) => {
		await signIn(page, portalUrl('demo'), 'other@demo.test');
		await expect(page.getByText('Globex mobile app')).toBeVisible();
		const response = await page.goto(portalUrl('demo', '/projects/prj_demo_website'));
		expect(response?.status()).toBe(404);
		await expect(page.getByText('Website redesign')).toHaveCount(0);
		await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
	});

	test('signing out ends the session', async ({ page }) => {
		await signIn(page, portalUrl('demo'), 'client@demo.test');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(portalUrl('demo', '/login'));
		await page.goto(portalUrl('demo', '/'));
		await expect(page).toHaveURL(portalUrl('demo', '/login'));
	});

	test('staff sign in to the dashboard', async ({ page }) => {
		await signIn(page, dashboardUrl(), 'owner@demo.test');
		await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
		await expect(page.getByText('Demo Studio').first()).toBeVisible();
	});

	test('an unknown portal shows a friendly 404', async ({ page }) => {
		const response = await page.goto(portalUrl('no-such-agency'));
		expect(response?.status()).toBe(404);
		await expect(page.getByText('There is no client portal at this address.')).toBeVisible();
	});
});
