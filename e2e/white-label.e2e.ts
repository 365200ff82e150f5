import { expect, test } from '@playwright/test';
import {
	dashboardUrl,
	gotoHydrated,
	nextEmail,
	port,
	portalUrl,
	seenIds,
	seriousA11yViolations,
	signIn,
	signInLink,
	signUpWorkspace
} from './support';

/**
 * A portal on a second host: the agency's own domain. In the browser a *.localhost name reaches
 * the dev server (playwright.config.ts maps it to 127.0.0.1) and, being local, keeps the dev
 * outbox and the custom-domain stand-in on, so the whole flow runs as in production.
 */
const customUrl = (hostname: string, path = '/') => `http://${hostname}:${port()}${path}`;

test('an owner connects a domain: DNS records and status, nothing served until verified, then the portal on it', async ({
	page
}) => {
	const slug = `wl${Date.now().toString(36)}`;
	const hostname = `portal.${slug}.localhost`;
	await signUpWorkspace(page, {
		workspaceName: 'Wide Label Studio',
		slug,
		name: 'Wanda Label',
		email: `${slug}@owner.test`
	});
	await gotoHydrated(page, dashboardUrl('/settings/domain'));
	await expect(page.getByRole('heading', { name: 'Custom domain' })).toBeVisible();

	// A bare domain is refused next to the field.
	await page.getByLabel('Your domain').fill('agency.com');
	await page.getByRole('button', { name: 'Connect domain' }).click();
	await expect(page.getByText(/Use a subdomain/)).toBeVisible();
	await expect(page.getByLabel('Your domain')).toHaveAttribute('aria-invalid', 'true');

	await page.getByLabel('Your domain').fill(hostname);
	await page.getByRole('button', { name: 'Connect domain' }).click();
	await expect(page.getByRole('status')).toContainText(`${hostname} is connected`);
	const records = page.getByRole('table');
	await expect(records.getByRole('row', { name: /CNAME/ })).toContainText(hostname);
	await expect(records.getByRole('row', { name: /TXT/ })).toContainText(`_coportal.${hostname}`);
	await expect(page.getByText('Pending', { exact: true })).toBeVisible();
	expect(await seriousA11yViolations(page), '/settings/domain').toEqual([]);

	// Not verified: the hostname serves no portal (in a second tab, through the browser's resolver).
	const other = await page.context().newPage();
	const pending = await other.goto(customUrl(hostname, '/login'));
	expect(pending?.status()).toBe(404);
	await expect(other.locator('body')).not.toContainText('Wide Label Studio');
	await other.close();

	await page.getByRole('button', { name: 'Check now' }).click();
	await expect(page.getByRole('status')).toContainText(`${hostname} is verified`);
	await expect(page.getByText('Verified', { exact: true })).toBeVisible();
	await expect(page.getByText('Issued')).toBeVisible();

	await page.goto(customUrl(hostname, '/login'));
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.locator('header.topbar')).toContainText('Wide Label Studio');
	// The slug subdomain keeps working.
	await page.goto(portalUrl(slug, '/login'));
	await expect(page.locator('header.topbar')).toContainText('Wide Label Studio');
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 375, height: 812 } });
	test('the domain settings fit the screen', async ({ page }) => {
		const slug = `wp${Date.now().toString(36)}`;
		await signUpWorkspace(page, { workspaceName: 'Phone Label', slug, name: 'Pat Phone', email: `${slug}@owner.test` });
		await gotoHydrated(page, dashboardUrl('/settings/domain'));
		await page.getByLabel('Your domain').fill(`portal.${slug}.localhost`);
		await page.getByRole('button', { name: 'Connect domain' }).click();
		await expect(page.getByRole('table')).toBeVisible();
		const overflow = await page.evaluate(() => {
			const root = (
				globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
			).document.documentElement;
			return root.scrollWidth - root.clientWidth;
		});
		expect(overflow).toBeLessThanOrEqual(0);
	});
});

test('a client signs in on the agency’s own domain: the link, the session and the portal stay on it, without "Powered by CoPortal"', async ({
	page
}) => {
	const host = 'portal.brightside.localhost';
	const email = 'lena@lumen.test';
	const seen = await seenIds(email);
	await signIn(page, customUrl(host), email);
	const mail = await nextEmail(email, seen, (m) => m.subject.includes('sign-in link'));
	expect(signInLink(mail)).toContain(`//${host}:`);
	expect(mail.html).toContain('Brightside Creative Ltd');
	expect(mail.html).not.toContain('Powered by CoPortal');
	expect(new URL(page.url()).hostname).toBe(host);
	await expect(page.getByRole('link', { name: /Lena Lumen/ }).first()).toBeAttached();
	await expect(page.locator('footer.site-footer')).toHaveText(/Client portal of Brightside Creative/);
	await expect(page.locator('footer.site-footer')).not.toContainText('Powered by');
	expect(await seriousA11yViolations(page), 'portal home on the custom domain').toEqual([]);
	// The slug subdomain still serves the same portal (its own sign-in: cookies are per host).
	await page.goto(portalUrl('brightside', '/login'));
	await expect(page.locator('header.topbar')).toContainText('Brightside Creative');
});
