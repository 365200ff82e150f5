import { expect, test } from '@playwright/test';
import { dashboardUrl, portalUrl, seriousA11yViolations, signIn } from './support';

/**
 * axe-core on every portal page and the main dashboard pages, signed in and
 * out, at desktop and phone widths: zero serious or critical violations.
 */
const PORTAL_PAGES = ['/', '/projects/prj_demo_website'];
const PORTAL_PUBLIC = ['/login', '/auth/verify?token=invalid'];
const DASHBOARD_PAGES = ['/', '/projects/prj_demo_website', '/clients/cli_demo_northwind'];
/** Clients, projects and tasks (core area): their own tests, to stay within the per-test timeout. */
const CORE_DASHBOARD_PAGES = [
	'/clients',
	'/clients/new',
	'/clients/cli_demo_northwind/edit',
	'/clients/cli_demo_northwind/contacts/con_demo_casey',
	'/projects',
	'/projects/new',
	'/projects/prj_demo_website/edit',
	'/projects/prj_demo_website/tasks/tsk_demo_w3',
	'/projects/prj_demo_website/activity'
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

		test('dashboard pages', async ({ page }) => {
			await page.goto(dashboardUrl('/login'));
			expect(await seriousA11yViolations(page), '/login').toEqual([]);
			await signIn(page, dashboardUrl(), 'owner@demo.test');
			for (const path of DASHBOARD_PAGES) {
				await page.goto(dashboardUrl(path));
				expect(await seriousA11yViolations(page), path).toEqual([]);
			}
		});

		for (const [name, pages] of [
			['client pages', CORE_DASHBOARD_PAGES.filter((p) => p.startsWith('/clients'))],
			['project list and forms', CORE_DASHBOARD_PAGES.filter((p) => p.startsWith('/projects') && !p.includes('/tasks/') && !p.endsWith('/activity'))],
			['task and activity pages', CORE_DASHBOARD_PAGES.filter((p) => p.includes('/tasks/') || p.endsWith('/activity'))]
		] as const) {
			test(`dashboard ${name}`, async ({ page }) => {
				await signIn(page, dashboardUrl(), 'owner@demo.test');
				for (const path of pages) {
					await page.goto(dashboardUrl(path));
					expect(await seriousA11yViolations(page), path).toEqual([]);
				}
			});
		}
	});
}
