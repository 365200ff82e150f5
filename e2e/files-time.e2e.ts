import { expect, test, type Page } from '@playwright/test';
import { dashboardUrl, gotoHydrated, portalUrl, signIn, signInByLink } from './support';

const website = 'prj_demo_website';
const run = Date.now().toString(36);
const shared = `Shared plan ${run}.pdf`;
const internal = `Internal costing ${run}.pdf`;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

async function uploadOnDashboard(page: Page, name: string, buffer: Buffer, mimeType = 'application/pdf') {
	await page.getByLabel('Choose files', { exact: true }).setInputFiles({ name, mimeType, buffer });
	await page.getByRole('button', { name: 'Upload', exact: true }).click();
}

test.describe.serial('files and time', () => {
	test('staff upload files and share one with the client', async ({ page }) => {
		await signInByLink(page, 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl(`/projects/${website}/files`));
		await uploadOnDashboard(page, shared, pdf('shared'));
		await expect(page.getByRole('status')).toHaveText(
			`Uploaded ${shared}. It stays internal until you share it with the client.`
		);
		await uploadOnDashboard(page, internal, pdf('internal'));
		await expect(page.getByRole('status')).toContainText(internal);

		const row = page.getByRole('row').filter({ hasText: shared });
		await expect(row.getByText('Internal', { exact: true })).toBeVisible();
		await page.getByRole('button', { name: `Show to client: ${shared}` }).click();
		await expect(row.getByText('Visible to client')).toBeVisible();
		await expect(
			page.getByRole('row').filter({ hasText: internal }).getByText('Internal', { exact: true })
		).toBeVisible();
	});

	test('a too-large or wrong-type upload gets a clear message next to the field', async ({ page }) => {
		await signInByLink(page, 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl(`/projects/${website}/files`));
		const field = page.getByLabel('Choose files', { exact: true });

		await uploadOnDashboard(page, 'site.html', Buffer.from('<h1>hello</h1>'), 'text/html');
		await expect(page.locator('#file-error')).toHaveText(/\.html files cannot be uploaded\. Allowed types: PDF, PNG/);
		await expect(field).toHaveAttribute('aria-invalid', 'true');

		await uploadOnDashboard(page, 'fake.png', pdf('not a png'), 'image/png');
		await expect(page.locator('#file-error')).toHaveText(
			'This file does not look like a PNG image (its content does not match its .png name).'
		);

		// A 26 MB file made inside the browser (sending that much over the DevTools protocol is slow).
		await field.evaluate((input: { files: unknown }) => {
			// (Browser globals, typed here because the e2e config has no DOM types.)
			type Browser = {
				DataTransfer: new () => { items: { add(file: unknown): void }; files: unknown };
				File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
			};
			const { DataTransfer, File } = globalThis as unknown as Browser;
			const picked = new DataTransfer();
			picked.items.add(new File([new Uint8Array(26 * 1024 * 1024)], 'huge.pdf', { type: 'application/pdf' }));
			input.files = picked.files;
		});
		await page.getByRole('button', { name: 'Upload', exact: true }).click();
		await expect(page.locator('#file-error')).toHaveText(
			'This file is 26 MB; the largest file you can upload is 25 MB.'
		);
		await expect(page.getByRole('row').filter({ hasText: 'huge.pdf' })).toHaveCount(0);
		await expect(page.getByRole('row').filter({ hasText: 'site.html' })).toHaveCount(0);
	});

	test('the client sees exactly the shared files and can download one', async ({ page }) => {
		await signIn(page, portalUrl('demo'), 'client@demo.test');
		await page.goto(portalUrl('demo', `/projects/${website}/files`));
		const names = page.locator('.file-list a[download]');
		await expect(names).toHaveText(
			['Homepage mockup.png', 'Project brief.pdf', shared].sort((a, b) => order(a) - order(b))
		);
		await expect(page.getByText(internal)).toHaveCount(0);
		await expect(page.getByText('Internal notes.txt')).toHaveCount(0);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: shared, exact: true }).click()
		]);
		expect(download.suggestedFilename()).toBe(shared);
		const chunks: Buffer[] = [];
		for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
		expect(Buffer.concat(chunks).toString()).toContain('% shared');
	});

	test("the client cannot reach an internal file or another client's file by URL", async ({ page }) => {
		await signIn(page, portalUrl('demo'), 'client@demo.test');
		for (const path of [
			`/projects/${website}/files/fil_demo_internal_notes/download`,
			`/projects/prj_demo_globex_app/files/fil_demo_globex_spec/download`,
			`/projects/${website}/files/fil_demo_globex_spec/download`,
			`/api/files/fil_demo_globex_spec/download`,
			`/api/files/fil_demo_internal_notes/download`
		]) {
			const res = await page.evaluate(async (url) => {
				const r = await fetch(url);
				return { status: r.status, disposition: r.headers.get('content-disposition') };
			}, path);
			expect(res, path).toEqual({ status: 404, disposition: null });
		}
		const response = await page.goto(portalUrl('demo', `/projects/${website}/files/fil_demo_internal_notes/download`));
		expect(response?.status()).toBe(404);
	});

	test('staff log billable and non-billable time; the client sees only the billable entry and the right total', async ({
		page,
		browser
	}) => {
		await signInByLink(page, 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl(`/projects/${website}/time`));
		const log = page.getByRole('region', { name: 'Log time' });
		await log.getByLabel('Time spent').fill('1:00');
		await log.getByLabel('What was done').fill(`Billable review ${run}`);
		await log.getByLabel('Hourly rate').fill('100');
		await log.getByRole('button', { name: 'Log time' }).click();
		await expect(log.getByRole('status')).toHaveText('Time logged.');

		await log.getByLabel('Time spent').fill('45');
		await log.getByLabel('What was done').fill(`Internal admin ${run}`);
		await log.getByLabel('Hourly rate').fill('100');
		await log.getByLabel(/Billable/).uncheck();
		await log.getByRole('button', { name: 'Log time' }).click();
		await expect(page.getByRole('row').filter({ hasText: `Internal admin ${run}` })).toContainText('Non-billable');

		await log.getByLabel('Time spent').fill('ages');
		await log.getByLabel('What was done').fill('Keep me');
		await log.getByRole('button', { name: 'Log time' }).click();
		await expect(page.locator('#log-duration-error')).toHaveText('Enter minutes (90) or hours:minutes (1:30).');
		await expect(log.getByLabel('What was done')).toHaveValue('Keep me');

		const client = await (await browser.newContext()).newPage();
		await signIn(client, portalUrl('demo'), 'client@demo.test');
		await client.goto(portalUrl('demo', `/projects/${website}/time`));
		await expect(client.getByRole('row').filter({ hasText: `Billable review ${run}` })).toContainText('$100.00');
		await expect(client.getByText(`Internal admin ${run}`)).toHaveCount(0);
		await expect(client.getByText('Internal stand-up')).toHaveCount(0);
		// Seeded billable time (5h 45m, $546.25) plus the hour at $100.
		await expect(client.locator('tfoot')).toContainText('6h 45m');
		await expect(client.locator('tfoot')).toContainText('$646.25');
		await client.context().close();
	});
});

/** The portal lists newest first: the file uploaded in this run, then the seeded mock-up and brief. */
function order(name: string) {
	return name === shared ? 0 : name === 'Homepage mockup.png' ? 1 : 2;
}
