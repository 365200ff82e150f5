import { expect, test, type Browser, type Page } from '@playwright/test';
import { dashboardUrl, gotoHydrated, portalUrl, seriousA11yViolations, signIn, signInByLink } from './support';

/**
 * Two-way files and message attachments (issue 13), on a desktop and a
 * 375 × 812 phone. Uploads go to Brand refresh (the website project's file list
 * is pinned by files-time.e2e.ts), attachments to a thread each run starts.
 */
const BRAND = 'prj_demo_brand';
const WEBSITE = 'prj_demo_website';
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
// A 1×1 PNG (valid, so the browser really draws it).
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

async function signedIn(
	browser: Browser,
	who: 'staff' | 'client',
	viewport: { width: number; height: number },
	javaScriptEnabled = true
) {
	const context = await browser.newContext({ viewport, javaScriptEnabled });
	const page = await context.newPage();
	if (who === 'staff') await signInByLink(page, 'owner@demo.test');
	else await signIn(page, portalUrl('demo'), 'client@demo.test');
	return { context, page };
}

const messages = (page: Page) => page.getByRole('list', { name: 'Messages' });

/** A same-origin fetch from the page (the test runner itself cannot resolve *.localhost): status, the headers that matter, the first bytes. */
function fetchIn(page: Page, url: string) {
	return page.evaluate(async (u) => {
		const r = await fetch(u);
		const text = await r.text();
		const h = (name: string) => r.headers.get(name);
		return {
			status: r.status,
			type: h('content-type'),
			disposition: h('content-disposition'),
			nosniff: h('x-content-type-options'),
			text: text.slice(0, 200)
		};
	}, url);
}

for (const viewport of [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'phone', width: 375, height: 812 }
]) {
	const run = `${viewport.name}-${Date.now().toString(36)}`;

	test.describe.serial(`two-way files (${viewport.name})`, () => {
		test('the client uploads two files at once, with progress; staff see them marked from the client', async ({
			browser
		}) => {
			const client = await signedIn(browser, 'client', viewport);
			await client.page.goto(portalUrl('demo', `/projects/${BRAND}/files`), { waitUntil: 'networkidle' });
			// The limits are shown before anything is chosen.
			await expect(client.page.locator('#file-hint')).toContainText('Up to 25 MB each');
			await expect(client.page.locator('#file-hint')).toContainText('PSD, FIG, SKETCH');
			await client.page.getByLabel('Choose files', { exact: true }).setInputFiles([
				{ name: `Moodboard ${run}.png`, mimeType: 'image/png', buffer: PNG },
				{ name: `Notes ${run}.pdf`, mimeType: 'application/pdf', buffer: pdf('client notes') }
			]);
			await client.page.getByRole('button', { name: 'Upload', exact: true }).click();
			const progress = client.page.getByRole('list', { name: 'Upload progress' });
			await expect(progress.getByText('Uploaded', { exact: true })).toHaveCount(2);
			await expect(client.page.getByRole('status')).toHaveText('Uploaded 2 files. The team can see them now.');
			const mine = client.page.locator('.file-list li').filter({ hasText: `Notes ${run}.pdf` });
			await expect(mine).toContainText('Uploaded by you');
			await expect(mine.getByRole('button', { name: `Delete Notes ${run}.pdf` })).toBeVisible();
			expect(await seriousA11yViolations(client.page)).toEqual([]);

			const staff = await signedIn(browser, 'staff', viewport);
			await staff.page.goto(dashboardUrl(`/projects/${BRAND}/files`));
			for (const name of [`Moodboard ${run}.png`, `Notes ${run}.pdf`]) {
				const row = staff.page.getByRole('row').filter({ hasText: name });
				await expect(row.getByText('From the client')).toBeVisible();
				await expect(row).toContainText('Casey Client');
				await expect(row.getByText('Their upload: always visible to them')).toBeVisible();
			}
			await client.context.close();
			await staff.context.close();
		});

		test('without JavaScript the same form uploads several files and names each refused one', async ({ browser }) => {
			const client = await signedIn(browser, 'client', viewport, false);
			await client.page.goto(portalUrl('demo', `/projects/${BRAND}/files`));
			await client.page.getByLabel('Choose files', { exact: true }).setInputFiles([
				{ name: `Plain ${run}.pdf`, mimeType: 'application/pdf', buffer: pdf('no js') },
				{ name: `site ${run}.html`, mimeType: 'text/html', buffer: Buffer.from('<h1>no</h1>') },
				{ name: `fake ${run}.png`, mimeType: 'image/png', buffer: pdf('not a png') }
			]);
			await client.page.getByRole('button', { name: 'Upload', exact: true }).click();
			await expect(client.page.getByRole('status')).toContainText(`Uploaded Plain ${run}.pdf.`);
			const errors = client.page.locator('#file-error');
			await expect(errors.getByRole('listitem')).toHaveCount(2);
			await expect(errors).toContainText(`site ${run}.html: .html files cannot be uploaded`);
			await expect(errors).toContainText(`fake ${run}.png: This file does not look like a PNG image`);
			await expect(client.page.locator('.file-list a[download]').filter({ hasText: `Plain ${run}.pdf` })).toHaveCount(
				1
			);
			await client.context.close();
		});

		test('staff choose who sees an upload, and the choice is remembered', async ({ browser }) => {
			const staff = await signedIn(browser, 'staff', viewport);
			await gotoHydrated(staff.page, dashboardUrl(`/projects/${BRAND}/files`));
			await expect(staff.page.getByRole('radio', { name: 'Only staff (internal)' })).toBeChecked();
			await staff.page.getByRole('radio', { name: 'The client too' }).check();
			await staff.page
				.getByLabel('Choose files', { exact: true })
				.setInputFiles({ name: `Shared ${run}.pdf`, mimeType: 'application/pdf', buffer: pdf('shared') });
			await staff.page.getByRole('button', { name: 'Upload', exact: true }).click();
			await expect(staff.page.getByRole('status')).toHaveText(`Uploaded Shared ${run}.pdf. The client can see it.`);
			await expect(
				staff.page
					.getByRole('row')
					.filter({ hasText: `Shared ${run}.pdf` })
					.getByText('Visible to client')
			).toBeVisible();

			await gotoHydrated(staff.page, dashboardUrl(`/projects/${BRAND}/files`));
			await expect(staff.page.getByRole('radio', { name: 'The client too' })).toBeChecked();
			await staff.page.getByRole('radio', { name: 'Only staff (internal)' }).check();
			await staff.page
				.getByLabel('Choose files', { exact: true })
				.setInputFiles({ name: `Internal ${run}.pdf`, mimeType: 'application/pdf', buffer: pdf('internal') });
			await staff.page.getByRole('button', { name: 'Upload', exact: true }).click();
			await expect(staff.page.getByRole('status')).toHaveText(
				`Uploaded Internal ${run}.pdf. It stays internal until you share it with the client.`
			);
			await gotoHydrated(staff.page, dashboardUrl(`/projects/${BRAND}/files`));
			await expect(staff.page.getByRole('radio', { name: 'Only staff (internal)' })).toBeChecked();
			expect(await seriousA11yViolations(staff.page)).toEqual([]);

			const client = await signedIn(browser, 'client', viewport);
			await client.page.goto(portalUrl('demo', `/projects/${BRAND}/files`));
			await expect(client.page.getByRole('link', { name: `Shared ${run}.pdf`, exact: true })).toBeVisible();
			await expect(client.page.getByText(`Internal ${run}.pdf`)).toHaveCount(0);
			await staff.context.close();
			await client.context.close();
		});

		test('images and PDFs preview inline; everything else is only downloaded', async ({ browser }) => {
			const client = await signedIn(browser, 'client', viewport);
			await client.page.goto(portalUrl('demo', `/projects/${WEBSITE}/files`));
			const thumb = client.page
				.locator('.file-list li')
				.filter({ hasText: 'Homepage mockup.png' })
				.locator('img.thumb');
			await expect(thumb).toBeVisible();
			await expect
				.poll(() =>
					thumb.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth)
				)
				.toBe(160);

			const pdfLink = client.page.getByRole('link', { name: 'Preview Project brief.pdf (opens in a new tab)' });
			const href = (await pdfLink.getAttribute('href'))!;
			const answer = await fetchIn(client.page, href);
			expect(answer).toMatchObject({
				status: 200,
				type: 'application/pdf',
				nosniff: 'nosniff',
				disposition: expect.stringMatching(/^inline;/),
				text: expect.stringMatching(/^%PDF-/)
			});

			// The PDF opens in the browser's viewer in its own tab, sandboxed (the viewer still starts in Chromium).
			const [pdfTab] = await Promise.all([client.context.waitForEvent('page'), pdfLink.click()]);
			await pdfTab.waitForLoadState();
			await expect.poll(() => pdfTab.frames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(true);
			await pdfTab.close();

			// The image preview opens as an image in its own tab.
			const [tab] = await Promise.all([
				client.context.waitForEvent('page'),
				client.page.getByRole('link', { name: 'Preview Homepage mockup.png (opens in a new tab)' }).click()
			]);
			await tab.waitForLoadState();
			await expect(tab.locator('img')).toHaveJSProperty('naturalWidth', 160);

			// The file name itself is always a download.
			expect((await fetchIn(client.page, `/projects/${WEBSITE}/files/fil_demo_brief/download`)).disposition).toMatch(
				/^attachment;/
			);
			await client.context.close();

			// A file of any other type (here a text file, as staff) has no Preview link, and no preview.
			const staff = await signedIn(browser, 'staff', viewport);
			await staff.page.goto(dashboardUrl(`/projects/${WEBSITE}/files`));
			const row = staff.page.getByRole('row').filter({ hasText: 'Internal notes.txt' });
			await expect(row.getByRole('link', { name: 'Internal notes.txt', exact: true })).toBeVisible();
			await expect(row.getByRole('link', { name: /^Preview/ })).toHaveCount(0);
			expect((await fetchIn(staff.page, `/projects/${WEBSITE}/files/fil_demo_internal_notes/preview`)).status).toBe(
				415
			);
			await staff.context.close();
		});

		test("a message with a file appears live in the other party's open thread, both ways", async ({ browser }) => {
			const client = await signedIn(browser, 'client', viewport);
			const staff = await signedIn(browser, 'staff', viewport);
			await client.page.goto(portalUrl('demo', `/projects/${WEBSITE}/messages`));
			await client.page.getByLabel('Title').fill(`Files ${run}`);
			await client.page.getByLabel('First message').fill('Let us swap some files');
			await client.page.getByRole('button', { name: 'Start conversation' }).click();
			await client.page.waitForURL(new RegExp(`/projects/${WEBSITE}/messages/thr_\\w+$`));
			const threadId = new URL(client.page.url()).pathname.split('/').pop()!;
			await staff.page.goto(dashboardUrl(`/projects/${WEBSITE}/threads/${threadId}`));
			for (const p of [client.page, staff.page])
				await expect(p.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

			await staff.page.getByLabel('Your message').fill('Here is the sketch');
			await staff.page
				.getByLabel('Attach files (optional)')
				.setInputFiles({ name: `Sketch ${run}.png`, mimeType: 'image/png', buffer: PNG });
			await staff.page.locator('form.composer button[type=submit]').click();
			const arrived = messages(client.page).locator('.message').filter({ hasText: 'Here is the sketch' });
			await expect(arrived.getByRole('link', { name: `Sketch ${run}.png`, exact: true })).toBeVisible();
			await expect(arrived.locator('img.attachment-thumb')).toHaveJSProperty('naturalWidth', 1);

			await client.page
				.getByLabel('Attach files (optional)')
				.setInputFiles({ name: `Answers ${run}.pdf`, mimeType: 'application/pdf', buffer: pdf('answers') });
			await client.page.locator('form.composer button[type=submit]').click();
			const reply = messages(staff.page)
				.locator('.message')
				.filter({ hasText: `Answers ${run}.pdf` });
			await expect(reply.getByRole('link', { name: `Answers ${run}.pdf`, exact: true })).toBeVisible();
			const href = (await reply.getByRole('link', { name: `Answers ${run}.pdf`, exact: true }).getAttribute('href'))!;
			const download = await fetchIn(staff.page, href);
			expect(download.disposition).toMatch(/^attachment;/);
			expect(download.text).toContain('% answers');

			for (const p of [client.page, staff.page]) expect(await seriousA11yViolations(p)).toEqual([]);
			await client.context.close();
			await staff.context.close();
		});

		test('without JavaScript a message carries its files through the plain form', async ({ browser }) => {
			const client = await signedIn(browser, 'client', viewport, false);
			await client.page.goto(portalUrl('demo', `/projects/${WEBSITE}/messages/thr_demo_content`));
			await client.page.getByLabel('Your message').fill(`No script ${run}`);
			await client.page
				.getByLabel('Attach files (optional)')
				.setInputFiles({ name: `Scan ${run}.pdf`, mimeType: 'application/pdf', buffer: pdf('scan') });
			await client.page.locator('form.composer button[type=submit]').click();
			const posted = messages(client.page)
				.locator('.message')
				.filter({ hasText: `No script ${run}` });
			await expect(posted.getByRole('link', { name: `Scan ${run}.pdf`, exact: true })).toBeVisible();
			await client.context.close();
		});
	});
}
