import { expect, test } from '@playwright/test';
import {
	addVirtualAuthenticator,
	dashboardUrl,
	gotoHydrated,
	openStaffLink,
	seriousA11yViolations,
	signUpWorkspace,
	staffSignOut,
	totpCode
} from './support';

// Staff sign-in (issue 16): passkeys with Chromium's virtual authenticator, authenticator apps with
// codes computed here from the secret the page shows, and a workspace that requires a second factor.
// Each flow uses a workspace of its own (signed up here) or the Northstar demo, so no other test's
// staff ever meet a second step.

test.describe('passkeys', () => {
	test('a staff member adds a passkey, then signs in with it alone and as the second step', async ({ page }) => {
		await signUpWorkspace(page, {
			workspaceName: 'Keys Studio',
			slug: 'keys-studio',
			name: 'Kim Keys',
			email: 'kim@keys.test'
		});
		const authenticator = await addVirtualAuthenticator(page);

		await gotoHydrated(page, dashboardUrl('/settings/security'));
		await expect(page.getByText('You have no passkeys yet.')).toBeVisible();
		await page.getByLabel('Name of this passkey').fill('Virtual key');
		await page.getByRole('button', { name: 'Add a passkey' }).click();
		await expect(page.getByText('Passkey added.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
		await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
		await expect(page.getByLabel('Name of passkey Virtual key')).toHaveValue('Virtual key');
		const [credential] = await authenticator.credentials();
		expect(credential.isResidentCredential).toBe(true);

		// Passwordless: sign out, then sign in with the passkey alone.
		await staffSignOut(page);
		await page.waitForURL(/\/login/);
		await page.getByRole('link', { name: 'Sign in with a passkey instead' }).click();
		await gotoHydrated(page, page.url());
		await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
		await page.waitForURL(dashboardUrl('/'));
		await expect(page.getByText('Keys Studio').first()).toBeVisible();

		// As the second step of an email link.
		await staffSignOut(page);
		await page.waitForURL(/\/login/);
		await openStaffLink(page, 'kim@keys.test');
		await page.waitForURL(/\/auth\/second-factor/);
		await expect(page.getByRole('heading', { name: 'Finish signing in' })).toBeVisible();
		await gotoHydrated(page, page.url());
		await page.getByRole('button', { name: 'Use my passkey' }).click();
		await page.waitForURL(dashboardUrl('/'));
		expect((await authenticator.credentials())[0].signCount).toBeGreaterThanOrEqual(2);

		// The feed and the sessions list say what happened.
		await page.goto(dashboardUrl('/activity'));
		await expect(page.getByText('Kim Keys added a passkey (Virtual key)')).toBeVisible();
		await expect(page.getByText('Kim Keys signed in with a passkey (Virtual key)')).toBeVisible();
		await expect(page.getByText('Kim Keys signed in with an email link and a passkey')).toBeVisible();
	});
});

test.describe('authenticator apps', () => {
	test('a staff member sets up an app, signs in with a code and then with a recovery code', async ({ page }) => {
		await signUpWorkspace(page, {
			workspaceName: 'Totp Studio',
			slug: 'totp-studio',
			name: 'Tara Totp',
			email: 'tara@totp.test'
		});
		await page.goto(dashboardUrl('/settings/security'));
		await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
		await page.waitForURL(dashboardUrl('/settings/security/authenticator'));
		await expect(page.getByRole('img', { name: 'QR code to scan with your authenticator app' })).toBeVisible();
		const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
		await page
			.getByLabel('Enter the 6-digit code the app shows')
			.fill('000000' === (await totpCode(secret)) ? '111111' : '000000');
		await page.getByRole('button', { name: 'Turn on the authenticator app' }).click();
		await expect(page.getByText('That code did not match')).toBeVisible();
		await page.getByLabel('Enter the 6-digit code the app shows').fill(await totpCode(secret));
		await page.getByRole('button', { name: 'Turn on the authenticator app' }).click();
		await expect(page.getByRole('heading', { name: 'Authenticator app turned on' })).toBeVisible();
		const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
		expect(codes).toHaveLength(10);

		// Require it for the whole workspace (the owner has a factor now).
		await page.goto(dashboardUrl('/settings/security'));
		await page.getByLabel('Require a passkey or an authenticator app for every staff sign-in').check();
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('A second factor is now required for everyone in this workspace.')).toBeVisible();

		// An email link alone no longer opens the dashboard: a code does (the next one: the setup used this one).
		await staffSignOut(page);
		await openStaffLink(page, 'tara@totp.test');
		await page.waitForURL(/\/auth\/second-factor/);
		await page.goto(dashboardUrl('/invoices'));
		await expect(page).toHaveURL(/\/auth\/second-factor\?next=%2Finvoices/);
		await page.getByLabel('6-digit code').fill(await totpCode(secret, 1));
		await page.getByRole('button', { name: 'Verify code' }).click();
		await page.waitForURL(dashboardUrl('/invoices'));

		// Lost the phone: a recovery code, once.
		await staffSignOut(page);
		await openStaffLink(page, 'tara@totp.test');
		await page.waitForURL(/\/auth\/second-factor/);
		await page.getByLabel('Recovery code').fill(codes[0]);
		await page.getByRole('button', { name: 'Use recovery code' }).click();
		await page.waitForURL(dashboardUrl('/'));
		await page.goto(dashboardUrl('/settings/security'));
		await expect(page.getByText('of 10 unused')).toContainText('9');
	});
});

test.describe('a workspace that requires a second factor (Northstar demo)', () => {
	test('a member without a factor sets one up before anything else', async ({ page }) => {
		await openStaffLink(page, 'nia@northstar.test');
		await page.waitForURL(/\/auth\/second-factor/);
		await expect(page.getByRole('heading', { name: 'Set up a second factor' })).toBeVisible();
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.goto(dashboardUrl('/projects'));
		await expect(page).toHaveURL(/\/auth\/second-factor\?next=%2Fprojects/);
		const api = await page.request.get(dashboardUrl('/api/projects'));
		expect(api.status()).toBe(403);
		expect((await api.json()).error.code).toBe('second_factor_required');

		await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
		const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
		await page.getByLabel('Enter the 6-digit code the app shows').fill(await totpCode(secret));
		await page.getByRole('button', { name: 'Turn on the authenticator app' }).click();
		await expect(page.getByRole('heading', { name: "You're signed in" })).toBeVisible();
		await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
		await page.getByRole('link', { name: 'Continue to your dashboard' }).click();
		await page.waitForURL(dashboardUrl('/projects'));
		expect((await page.request.get(dashboardUrl('/api/projects'))).status()).toBe(200);
	});

	test('the owner signs in with the demo authenticator secret and signs another device out', async ({ page }) => {
		await openStaffLink(page, 'sam@northstar.test');
		await page.waitForURL(/\/auth\/second-factor/);
		await page.getByLabel('6-digit code').fill(await totpCode('JBSWY3DPEHPK3PXP', 1));
		await page.getByRole('button', { name: 'Verify code' }).click();
		await page.waitForURL(dashboardUrl('/'));
		await page.goto(dashboardUrl('/settings/security'));
		const sessions = page.getByRole('region', { name: 'Your sessions' });
		await expect(sessions.getByText('This device', { exact: true })).toBeVisible();
		await expect(sessions.locator('strong', { hasText: 'Safari on iPhone' })).toBeVisible();
		await sessions.getByRole('button', { name: 'Sign out Safari on iPhone' }).click();
		await expect(page.getByText('That session is signed out.')).toBeVisible();
		await expect(page.getByRole('region', { name: 'Your sessions' }).getByText('Safari on iPhone')).toHaveCount(0);
		await page.goto(dashboardUrl('/activity'));
		await expect(page.getByText('Sam Secure signed out a session (Safari on iPhone)')).toBeVisible();
	});
});
