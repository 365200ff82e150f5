import { expect, test } from '@playwright/test';
import {
	dashboardUrl,
	devLoginLink,
	gotoHydrated,
	nextEmail,
	openStaffLink,
	portalUrl,
	seenIds,
	seriousA11yViolations,
	signIn,
	signInByLink,
	signInLink,
	signUpWorkspace,
	staffSignOut,
	totpCode
} from './support';

/**
 * axe-core on every portal page and the main dashboard pages, signed in and
 * out, at desktop and phone widths: zero serious or critical violations.
 */
const P = '/projects/prj_demo_website';
const PORTAL_PAGES = [
	'/',
	P,
	`${P}/files`,
	'/projects/prj_demo_brand/files',
	`${P}/time`,
	`${P}/messages`,
	`${P}/messages/thr_demo_design`,
	'/invoices',
	'/invoices/inv_demo_sent',
	`/invoices/inv_demo_paid/paid?reference=cp-de${'1'.padStart(30, '0')}`,
	'/quotes',
	'/quotes/quo_demo_sent',
	'/contracts',
	'/contracts/ctr_demo_sent',
	'/contracts/ctr_demo_signed',
	'/contracts/ctr_demo_awaiting',
	'/projects/prj_demo_brand/feedback',
	'/account'
];
const PORTAL_PUBLIC = ['/login', '/auth/verify?token=invalid', '/forms/project-enquiry'];
const DASHBOARD_PAGES = [
	'/',
	P,
	`${P}/files`,
	'/projects/prj_demo_brand/files',
	`${P}/time`,
	`${P}/threads`,
	`${P}/threads/thr_demo_design`,
	'/clients/cli_demo_northwind',
	'/clients/cli_demo_northwind/invoices',
	'/invoices',
	'/invoices/new',
	// The form itself (with the line editor) once a client is chosen.
	'/invoices/new?clientId=cli_demo_northwind',
	'/invoices/inv_demo_sent',
	// A recorded bank transfer (its Reverse confirm step) and a reversed one.
	'/invoices/inv_demo_partial',
	'/invoices/inv_demo_draft/edit',
	`${P}/time/tim_demo_standup`,
	'/settings/payments',
	'/quotes',
	'/quotes/new',
	'/quotes/quo_demo_sent',
	'/quotes/quo_demo_draft/edit',
	'/clients/cli_demo_northwind/quotes',
	'/clients/cli_demo_northwind/contracts',
	'/contracts',
	'/contracts/new',
	'/contracts/ctr_demo_signed',
	// Awaiting our countersignature: the staff signature form.
	'/contracts/ctr_demo_awaiting',
	'/contracts/ctr_demo_draft/edit',
	'/contracts/templates',
	'/contracts/templates/tpl_demo_services'
];
// Settings area: its own test, so each stays within the per-test time on a busy machine.
const SETTINGS_PAGES = [
	'/settings',
	'/settings/branding',
	// No domain connected (the connect form); the connected states are audited in white-label.e2e.ts.
	'/settings/domain',
	'/settings/team',
	'/settings/notifications',
	'/settings/contracts',
	'/settings/profile',
	'/settings/forms',
	'/settings/forms/frm_demo_enquiry',
	'/settings/feedback',
	'/leads',
	'/leads/lead_demo_qualified',
	'/activity',
	'/projects/prj_demo_brand/feedback',
	'/workspaces'
];
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
/** Find and export: search results, the revenue charts and tables, a statement of account. */
const FIND_EXPORT_PAGES = [
	'/search?q=northwind',
	'/search?q=nothing-matches-this',
	'/revenue',
	'/clients/cli_demo_northwind/statement'
];

/** Getting paid: proposals, schedules, recurring invoices, invoicing settings (their own tests, for the per-test time). */
const BILLING_DASHBOARD_PAGES = [
	'/settings/invoicing',
	'/invoices/recurring',
	'/invoices/recurring/new',
	'/invoices/recurring/rec_demo_retainer',
	'/invoices/recurring/rec_demo_retainer/edit',
	'/invoices/inv_demo_schedule',
	'/quotes/quo_demo_proposal'
];
const BILLING_PORTAL_PAGES: [email: string, paths: string[]][] = [
	['peter@initech.test', ['/quotes/quo_demo_proposal', '/invoices', '/invoices/recurring/rec_demo_retainer']],
	[
		'client@demo.test',
		['/quotes/quo_demo_accepted/next', '/invoices/recurring/rec_demo_hosting', '/invoices/inv_demo_partial']
	]
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
			// A portal whose logo sits on a light header band.
			await page.goto(portalUrl('acme', '/login'));
			expect(await seriousA11yViolations(page), 'acme /login').toEqual([]);
			// A portal on its own (verified) domain.
			await page.goto(`http://portal.brightside.localhost:${new URL(portalUrl('demo')).port}/login`);
			expect(await seriousA11yViolations(page), 'brightside custom domain /login').toEqual([]);
			// The friendly page of a portal that does not exist.
			await page.goto(portalUrl('no-such-agency', '/'));
			expect(await seriousA11yViolations(page), 'unknown portal').toEqual([]);
			// An expired link: "Send me a fresh link", then its answer.
			await page.goto(await devLoginLink('other@demo.test', { workspace: 'demo', ttlSeconds: -1 }));
			expect(await seriousA11yViolations(page), 'expired link').toEqual([]);
			await page.getByRole('button', { name: 'Send me a fresh link' }).click();
			await page.getByRole('heading', { name: 'Check your email' }).waitFor();
			expect(await seriousA11yViolations(page), 'fresh link sent').toEqual([]);
		});

		test('client portal pages', async ({ page }) => {
			await signIn(page, portalUrl('demo'), 'client@demo.test');
			for (const path of PORTAL_PAGES) {
				await page.goto(portalUrl('demo', path));
				expect(await seriousA11yViolations(page), path).toEqual([]);
			}
			// The home's "Needs your attention", with the phone's menu open where there is one.
			await page.goto(portalUrl('demo', '/'));
			const menu = page.locator('details.portal-menu > summary');
			if (await menu.isVisible()) await menu.click();
			expect(await seriousA11yViolations(page), 'home, menu open').toEqual([]);
		});

		test('settings, leads, activity and feedback pages', async ({ page }) => {
			test.setTimeout(240_000);
			for (const path of ['/signup', '/signup/confirm?token=invalid', '/auth/verify?token=invalid']) {
				await page.goto(dashboardUrl(path));
				expect(await seriousA11yViolations(page), path).toEqual([]);
			}
			await signInByLink(page, 'owner@demo.test');
			for (const path of SETTINGS_PAGES) {
				await page.goto(dashboardUrl(path));
				expect(await seriousA11yViolations(page), path).toEqual([]);
			}
		});

		test('dashboard pages', async ({ page }) => {
			test.setTimeout(240_000);
			await page.goto(dashboardUrl('/login'));
			expect(await seriousA11yViolations(page), '/login').toEqual([]);
			await signInByLink(page, 'owner@demo.test');
			for (const path of DASHBOARD_PAGES) {
				await page.goto(dashboardUrl(path));
				expect(await seriousA11yViolations(page), path).toEqual([]);
			}
			// The phone's Menu open, and a task's Move menu open.
			await gotoHydrated(page, dashboardUrl(P));
			const menu = page.getByRole('button', { name: 'Menu' });
			if (await menu.isVisible()) await menu.click();
			await page.locator('li.task summary').first().click();
			expect(await seriousA11yViolations(page), 'menus open').toEqual([]);
		});

		test('staff sign-in and security pages', async ({ page, browser }) => {
			test.setTimeout(240_000);
			await page.goto(dashboardUrl('/login/passkey'));
			expect(await seriousA11yViolations(page), '/login/passkey').toEqual([]);

			// A new owner: no factors yet, setting up an authenticator app, the recovery codes shown once.
			await signUpWorkspace(page, {
				workspaceName: `Audit ${viewport.name}`,
				slug: `audit-sec-${viewport.name}`,
				name: 'Audrey Audit',
				email: `audit-${viewport.name}@audit.test`
			});
			await page.goto(dashboardUrl('/settings/security'));
			expect(await seriousA11yViolations(page), '/settings/security (no factors)').toEqual([]);
			await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
			await page.waitForURL(dashboardUrl('/settings/security/authenticator'));
			expect(await seriousA11yViolations(page), '/settings/security/authenticator').toEqual([]);
			const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
			await page.getByLabel('Enter the 6-digit code the app shows').fill(await totpCode(secret));
			await page.getByRole('button', { name: 'Turn on the authenticator app' }).click();
			await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
			expect(await seriousA11yViolations(page), 'recovery codes').toEqual([]);

			// Sam (Northstar, second factor required): the second step, then Settings -> Security with everything on it.
			await staffSignOut(page);
			await openStaffLink(page, 'sam@northstar.test');
			await page.waitForURL(/\/auth\/second-factor/);
			expect(await seriousA11yViolations(page), '/auth/second-factor (verify)').toEqual([]);
			await page.getByLabel('Recovery code').fill(viewport.name === 'desktop' ? 'sam22-safe2' : 'sam23-safe3');
			await page.getByRole('button', { name: 'Use recovery code' }).click();
			await page.waitForURL(dashboardUrl('/'));
			await page.goto(dashboardUrl('/settings/security'));
			expect(await seriousA11yViolations(page), '/settings/security (owner, required)').toEqual([]);

			// Someone invited to a workspace that requires a second factor: the setup step.
			const invitee = `invitee-${viewport.name}@northstar.test`;
			const seen = await seenIds(invitee);
			await gotoHydrated(page, dashboardUrl('/settings/team'));
			await page.getByLabel(/^Name/).fill('Ivy Invitee');
			await page.getByLabel('Email address').fill(invitee);
			await page.getByRole('button', { name: 'Send invitation' }).click();
			await expect(page.getByText(`Invitation sent to ${invitee}`)).toBeVisible();
			const link = signInLink(await nextEmail(invitee, seen));
			const other = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
			const invited = await other.newPage();
			await invited.goto(link);
			await invited.getByRole('button', { name: 'Continue and sign in' }).click();
			await invited.waitForURL(/\/auth\/second-factor/);
			await expect(invited.getByRole('heading', { name: 'Set up a second factor' })).toBeVisible();
			expect(await seriousA11yViolations(invited), '/auth/second-factor (set up)').toEqual([]);
			await other.close();
		});

		test('getting paid: dashboard pages', async ({ page }) => {
			await signInByLink(page, 'owner@demo.test');
			for (const path of BILLING_DASHBOARD_PAGES) {
				await page.goto(dashboardUrl(path));
				expect(await seriousA11yViolations(page), path).toEqual([]);
			}
		});

		test('getting paid: portal pages', async ({ page }) => {
			for (const [email, paths] of BILLING_PORTAL_PAGES) {
				await signIn(page, portalUrl('demo'), email);
				for (const path of paths) {
					await page.goto(portalUrl('demo', path));
					expect(await seriousA11yViolations(page), `${email} ${path}`).toEqual([]);
				}
				await page.context().clearCookies();
			}
		});

		for (const [name, pages] of [
			['client pages', CORE_DASHBOARD_PAGES.filter((p) => p.startsWith('/clients'))],
			[
				'project list and forms',
				CORE_DASHBOARD_PAGES.filter(
					(p) => p.startsWith('/projects') && !p.includes('/tasks/') && !p.endsWith('/activity')
				)
			],
			['task and activity pages', CORE_DASHBOARD_PAGES.filter((p) => p.includes('/tasks/') || p.endsWith('/activity'))],
			['find and export pages', FIND_EXPORT_PAGES]
		] as const) {
			test(`dashboard ${name}`, async ({ page }) => {
				await signInByLink(page, 'owner@demo.test');
				for (const path of pages) {
					await page.goto(dashboardUrl(path));
					expect(await seriousA11yViolations(page), path).toEqual([]);
				}
			});
		}
	});
}
