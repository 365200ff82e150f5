import { expect, test, type Browser, type Page } from '@playwright/test';
import { dashboardUrl, portalUrl, signIn } from './support';

const PROJECT = 'prj_demo_website';

async function signedIn(browser: Browser, who: 'staff' | 'client', opts: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext(opts);
	const page = await context.newPage();
	if (who === 'staff') await signIn(page, dashboardUrl(), 'owner@demo.test');
	else await signIn(page, portalUrl('demo'), 'client@demo.test');
	return { context, page };
}

/** The client starts a thread through the portal form; returns its id. */
async function startThread(page: Page, title: string, body: string): Promise<string> {
	await page.goto(portalUrl('demo', `/projects/${PROJECT}/messages`));
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('First message').fill(body);
	await page.getByRole('button', { name: 'Start conversation' }).click();
	await page.waitForURL(new RegExp(`/projects/${PROJECT}/messages/thr_\\w+$`));
	return new URL(page.url()).pathname.split('/').pop()!;
}

const isLive = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
const messages = (page: Page) => page.getByRole('list', { name: 'Messages' });

async function say(page: Page, text: string, opts: { internal?: boolean } = {}) {
	await page
		.getByLabel(/Your message|Internal note/)
		.first()
		.fill(text);
	if (opts.internal) await page.getByRole('checkbox', { name: /Internal note/ }).check();
	await page.locator('form.composer button[type=submit]').click();
}

test.describe('message threads', () => {
	test('a reply appears live on the other side, both ways, and internal notes never reach the client', async ({
		browser
	}) => {
		const client = await signedIn(browser, 'client');
		const staff = await signedIn(browser, 'staff');
		const threadId = await startThread(client.page, 'Live chat check', 'Hello from Casey');
		await staff.page.goto(dashboardUrl(`/projects/${PROJECT}/threads/${threadId}`));
		await expect(messages(staff.page)).toContainText('Hello from Casey');
		await isLive(staff.page);
		await isLive(client.page);
		// Marks both pages so a reload would be noticed.
		for (const p of [client.page, staff.page])
			await p.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true));

		await say(staff.page, 'Hi Casey, staff here: https://example.com/spec');
		await expect(messages(client.page)).toContainText('Hi Casey, staff here');
		await expect(messages(client.page).getByRole('link', { name: 'https://example.com/spec' })).toHaveAttribute(
			'rel',
			'noopener noreferrer nofollow'
		);

		await say(client.page, 'Thanks, reading it now');
		await expect(messages(staff.page)).toContainText('Thanks, reading it now');

		await say(staff.page, 'STAFF ONLY: budget is tight', { internal: true });
		await expect(messages(staff.page).locator('.message.internal')).toContainText('STAFF ONLY: budget is tight');
		await say(staff.page, 'A public follow-up');
		await expect(messages(client.page)).toContainText('A public follow-up');
		await expect(client.page.getByText('STAFF ONLY')).toHaveCount(0);

		for (const p of [client.page, staff.page])
			expect(await p.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);
		// The seq order is the same on both sides.
		const clientOrder = await messages(client.page)
			.locator('.message')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-seq')));
		expect(clientOrder).toEqual(['1', '2', '3', '5']);
		await client.context.close();
		await staff.context.close();
	});

	test('a message written while offline waits, then is sent once the connection is back', async ({ browser }) => {
		const client = await signedIn(browser, 'client');
		const staff = await signedIn(browser, 'staff');
		const threadId = await startThread(client.page, 'Offline check', 'Before going offline');
		await staff.page.goto(dashboardUrl(`/projects/${PROJECT}/threads/${threadId}`));
		await isLive(client.page);
		await isLive(staff.page);

		await client.context.setOffline(true);
		await expect(client.page.getByRole('status')).toContainText('offline');
		await say(client.page, 'Written on the train');
		const pending = messages(client.page).locator('.message.pending');
		await expect(pending).toContainText('Written on the train');
		await expect(pending).toContainText('Waiting for a connection');

		await client.context.setOffline(false);
		await expect(messages(staff.page)).toContainText('Written on the train');
		await expect(pending).toHaveCount(0);
		await expect(messages(client.page).locator('.message:not(.pending)')).toContainText([
			'Before going offline',
			'Written on the train'
		]);
		await client.context.close();
		await staff.context.close();
	});

	test('works without JavaScript: the page lists the thread and a plain form post replies', async ({ browser }) => {
		const client = await signedIn(browser, 'client', { javaScriptEnabled: false });
		await client.page.goto(portalUrl('demo', `/projects/${PROJECT}/messages`));
		await expect(client.page.getByRole('link', { name: /Design feedback/ })).toContainText('unread');
		await client.page.getByRole('link', { name: /Design feedback/ }).click();
		await expect(messages(client.page)).toContainText('Version 2 is up');
		await expect(client.page.getByText('re-licensing the photo')).toHaveCount(0);

		await client.page.getByLabel('Your message').fill('x'.repeat(5001));
		await client.page.getByRole('button', { name: 'Send' }).click();
		await expect(client.page.locator('#message-body-error')).toContainText('at most 5,000 characters');
		await expect(client.page.getByLabel('Your message')).toHaveValue('x'.repeat(5001));

		await client.page.getByLabel('Your message').fill('Sent with JavaScript switched off');
		await client.page.getByRole('button', { name: 'Send' }).click();
		await expect(messages(client.page).locator('.message').last()).toContainText('Sent with JavaScript switched off');
		await client.context.close();
	});
});
