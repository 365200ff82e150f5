import { expect, test } from '@playwright/test';
import { dashboardUrl, portalUrl, seriousA11yViolations, signIn, signInByLink } from './support';

/**
 * axe-core on every portal page and the main dashboard pages, signed in and
 * out, at desktop and phone widths: zero serious or critical violations.
 */
const PORTAL_PAGES = ['/', '/projects/prj_demo_website', '/projects/prj_demo_brand/feedback'];
const PORTAL_PUBLIC = ['/login', '/auth/verify?token=invalid', '/forms/project-enquiry'];
const DASHBOARD_PAGES = ['/', '/projects/prj_demo_website', '/clients/cli_demo_northwind'];
// Settings area: its own test, so each stays within the per-test time on a busy machine.
const SETTINGS_PAGES = [
	'/settings',
	'/settings/branding',
	'/settings/team',
	'/settings/notifications',
	'/settings/forms',
	'/settings/forms/frm_demo_enquiry',
	'/settings/feedback',
	'/leads',
	'/leads/lead_demo_qualified',
	'/activity',
	'/projects/prj_demo_brand/feedback'
];

for (const viewport of [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'phone', width: 390, height: 844 }
]) {
	test.describe(`accessibility (${viewport.name})`, () => {
		test.use({ viewport: { width: viewport.width, height: viewport.height } });

		test('public portal pages', async ({ page }) => {
			for (const path of PORTAL_PUBLIC) {
				await page.goto(portalUrl('demo', path));
				expect(await seriousA11yViolations(page), path).toEqual([]);
			}
		});

		test('client portal pages', async ({ page }) => {
			await signIn(page, portalUrl('demo'), 'client@demo.test');
			for (const path of PORTAL_PAGES) {
				await page.goto(portalUrl('demo', path));
				expect(await seriousA11yViolations(page), path).toEqual([]);
			}
		});

		test('settings, leads, activity and feedback pages', async ({ page }) => {
			test.setTimeout(240_000);
			await page.goto(dashboardUrl('/signup'));
			expect(await seriousA11yViolations(page), '/signup').toEqual([]);
			await signInByLink(page, 'owner@demo.test');
			for (const path of SETTINGS_PAGES) {
				await page.goto(dashboardUrl(path));
				expect(await seriousA11yViolations(page), path).toEqual([]);
			}
		});

		test('dashboard pages', async ({ page }) => {
			await page.goto(dashboardUrl('/login'));
			expect(await seriousA11yViolations(page), '/login').toEqual([]);
			await signIn(page, dashboardUrl(), 'owner@demo.test');
			for (const path of DASHBOARD_PAGES) {
				await page.goto(dashboardUrl(path));
				expect(await seriousA11yViolations(page), path).toEqual([]);
			}
		});
	});
}
