import { expect, type Page } from '@playwright/test';

export const port = () => Number(process.env.E2E_PORT);
export const dashboardUrl = (path = '/') => `http://localhost:${port()}${path}`;
export const portalUrl = (slug: string, path = '/') => `http://${slug}.localhost:${port()}${path}`;

/** A calendar day (UTC) `days` from today: browser tests run on the real clock, so their dates are relative. */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export type OutboxEmail = { id: string; to: string; subject: string; text: string; html: string; sent_at: string };

/** The newest emails to an address, from the dev outbox. */
export async function outbox(to: string): Promise<OutboxEmail[]> {
	const res = await fetch(dashboardUrl(`/dev/outbox.json?to=${encodeURIComponent(to)}`));
	return (await res.json()) as OutboxEmail[];
}

/** Waits for a new email (one not in `seen`) to arrive for an address. */
export async function nextEmail(
	to: string,
	seen: Set<string> = new Set(),
	match?: (m: OutboxEmail) => boolean
): Promise<OutboxEmail> {
	let found: OutboxEmail | undefined;
	await expect
		.poll(
			async () => {
				found = (await outbox(to)).find((m) => !seen.has(m.id) && (!match || match(m)));
				return Boolean(found);
			},
			{ timeout: 10_000 }
		)
		.toBe(true);
	return found!;
}

export function signInLink(email: OutboxEmail): string {
	const m = /(https?:\/\/\S+\/auth\/verify\?token=[\w-]+)/.exec(email.text);
	if (!m) throw new Error(`no sign-in link in ${email.subject}`);
	return m[1];
}

export async function seenIds(to: string): Promise<Set<string>> {
	return new Set((await outbox(to)).map((m) => m.id));
}

/** Signs in the way a person does: type the email, open the link from the outbox, confirm. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
	const seen = await seenIds(email);
	await page.goto(`${baseUrl.replace(/\/$/, '')}/login`);
	await page.getByLabel('Email address').fill(email);
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
	const mail = await nextEmail(email, seen, (m) => m.subject.includes('sign-in link'));
	await page.goto(signInLink(mail));
	await page.getByRole('button', { name: 'Continue and sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/auth/'));
}

/** A link minted by the dev helper with any lifetime (negative = already expired). */
export async function devLoginLink(
	email: string,
	opts: { workspace?: string; ttlSeconds?: number } = {}
): Promise<string> {
	const res = await fetch(dashboardUrl('/dev/login-link'), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, ...opts })
	});
	if (!res.ok) throw new Error(`dev login link failed: ${res.status} ${await res.text()}`);
	return ((await res.json()) as { url: string }).url;
}

/** Runs axe-core on the current page; returns serious and critical violations, readable. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
	const { default: AxeBuilder } = await import('@axe-core/playwright');
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${v.id} (${v.impact}): ${v.help} -> ${v.nodes
					.map((n) => n.target.join(' '))
					.slice(0, 3)
					.join(', ')}`
		);
}

/**
 * Signs in through a link minted by the dev helper, skipping the login form: for
 * tests about something else. (Typing into the dashboard login form can race
 * its hydration on a busy machine and submit an empty email.)
 */
export async function signInByLink(page: Page, email: string, opts: { workspace?: string } = {}): Promise<void> {
	await page.goto(await devLoginLink(email, opts));
	await page.getByRole('button', { name: 'Continue and sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/auth/'));
}

/** Opens a dashboard page and waits until its JavaScript has loaded, so hydration can't reset what a test types. */
export async function gotoHydrated(page: Page, url: string): Promise<void> {
	await page.goto(url, { waitUntil: 'networkidle' });
}

/** The code an authenticator app shows for a base32 secret (RFC 6238: SHA-1, 6 digits, 30 s), `steps` periods from now. */
export async function totpCode(secret: string, steps = 0): Promise<string> {
	const { createHmac } = await import('node:crypto');
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const ch of secret.replace(/[\s=]/g, '').toUpperCase())
		bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
	const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps));
	const mac = createHmac('sha1', key).update(counter).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Signs up a new workspace through the API and confirms it in the browser: its owner is then signed in. */
export async function signUpWorkspace(
	page: Page,
	opts: { workspaceName: string; slug: string; name: string; email: string }
): Promise<void> {
	const seen = await seenIds(opts.email);
	const res = await fetch(dashboardUrl('/api/signup'), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(opts)
	});
	if (res.status !== 202) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
	const mail = await nextEmail(opts.email, seen, (m) => m.subject.includes('create a CoPortal workspace'));
	const link = /(https?:\/\/\S+\/signup\/confirm\?token=[\w-]+)/.exec(mail.text)![1];
	await page.goto(link);
	await page.getByRole('button', { name: 'Create my workspace' }).click();
	// A new workspace lands on the dashboard home's getting-started checklist.
	await page.waitForURL((url) => url.pathname === '/' && url.searchParams.has('welcome'));
}

/** Chromium's virtual authenticator (CDP WebAuthn domain) on this page: a platform passkey with user verification. */
export async function addVirtualAuthenticator(
	page: Page
): Promise<{ credentials(): Promise<{ credentialId: string; isResidentCredential: boolean; signCount: number }[]> }> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true
		}
	});
	return {
		async credentials() {
			return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
		}
	};
}

/** Opens a staff sign-in link from the dev helper and confirms it, without waiting to land anywhere in particular. */
export async function openStaffLink(page: Page, email: string): Promise<void> {
	await page.goto(await devLoginLink(email));
	await page.getByRole('button', { name: 'Continue and sign in' }).click();
}

/** Signs a staff member out from the sidebar (on a phone, the links are behind its "Menu" button first). */
export async function staffSignOut(page: Page): Promise<void> {
	const menu = page.getByRole('button', { name: 'Menu', exact: true });
	if (await menu.isVisible()) await menu.click();
	await page.getByRole('button', { name: 'Sign out', exact: true }).first().click();
}

/** Draws a zigzag signature on the canvas at `selector` with the mouse (pointer events, as a finger would). */
export async function drawOn(page: Page, selector: string) {
	await page.locator(selector).scrollIntoViewIfNeeded();
	const box = (await page.locator(selector).boundingBox())!;
	const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
	await page.mouse.move(...at(0.1, 0.7));
	await page.mouse.down();
	for (const [fx, fy] of [
		[0.2, 0.3],
		[0.3, 0.75],
		[0.45, 0.25],
		[0.6, 0.7],
		[0.75, 0.35],
		[0.9, 0.6]
	] as const)
		await page.mouse.move(...at(fx, fy), { steps: 6 });
	await page.mouse.up();
}
