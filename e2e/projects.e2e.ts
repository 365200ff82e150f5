import { expect, test, type Page } from '@playwright/test';
import { dashboardUrl, gotoHydrated, inDays, nextEmail, portalUrl, seenIds, signIn, signInLink } from './support';

/** A task card on the staff board. */
const card = (page: Page, title: string) => page.locator('li.task', { hasText: title });
const column = (page: Page, name: string) =>
	page.locator('section.column', { has: page.getByRole('heading', { name }) });

test.describe('projects and tasks', () => {
	test('staff builds a board and moves a task with the keyboard; the invited client sees exactly that board', async ({
		page,
		browser
	}) => {
		const name = `Loyalty app ${Date.now()}`;
		await signIn(page, dashboardUrl(), 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/projects/new'));
		await page.getByLabel('Client').selectOption({ label: 'Blue Harbor Cafe' });
		await page.getByLabel('Project name').fill(name);
		await page.getByLabel('Due date').fill(inDays(120));
		await page.getByRole('button', { name: 'Create project' }).click();
		await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
		await expect(page.getByText('0% complete')).toBeVisible();
		await page.waitForLoadState('networkidle');

		for (const [title, columnLabel] of [
			['Stamp card design', 'To Do'],
			['Points ledger', 'To Do'],
			['Sign-up form', 'To Do'],
			['Rewards catalogue', 'In Review'],
			['Which rewards?', 'In Query']
		]) {
			await page.getByLabel('Title', { exact: true }).fill(title);
			await page.getByLabel('Column', { exact: true }).selectOption({ label: columnLabel });
			await page.getByLabel('Assignee', { exact: true }).selectOption({ label: 'Max Member' });
			await page.getByRole('button', { name: 'Add task' }).click();
			await expect(page.getByRole('status').filter({ hasText: `Added “${title}”` })).toBeVisible();
			await page.waitForLoadState('networkidle');
		}

		// The keyboard way: the task's one "Move" control opens its menu; Enter on a column moves it there.
		const move = card(page, 'Stamp card design').locator('summary');
		await move.focus();
		await page.keyboard.press('Enter');
		await card(page, 'Stamp card design').getByRole('button', { name: 'Move “Stamp card design” to Complete' }).focus();
		await page.keyboard.press('Enter');
		await expect(column(page, 'Complete').getByRole('link', { name: 'Stamp card design' })).toBeVisible();
		await expect(page.getByText('20% complete')).toBeVisible();
		await expect(card(page, 'Stamp card design').locator('summary:focus')).toHaveCount(1);

		// Reorder inside a column with the menu's Up.
		await expect(column(page, 'To Do').locator('li.task .task-title')).toHaveText(['Points ledger', 'Sign-up form']);
		await card(page, 'Sign-up form').locator('summary').click();
		await card(page, 'Sign-up form').getByRole('button', { name: 'Move “Sign-up form” up' }).click();
		await expect(column(page, 'To Do').locator('li.task .task-title')).toHaveText(['Sign-up form', 'Points ledger']);

		// Invite the client's contact from the client page; the welcome email's link signs them in.
		await page.goto(dashboardUrl('/clients'));
		await page.getByRole('link', { name: 'Blue Harbor Cafe' }).click();
		await page.waitForLoadState('networkidle');
		const seen = await seenIds('marina@blueharbor.test');
		await page.getByRole('button', { name: /Invite to portal: Marina Costa|Resend invite: Marina Costa/ }).click();
		await expect(page.getByText('Invitation sent to marina@blueharbor.test')).toBeVisible();
		const mail = await nextEmail('marina@blueharbor.test', seen, (m) => m.subject === 'Your client portal invitation');
		expect(mail.subject).toBe('Your client portal invitation');

		const client = await browser.newContext();
		const portal = await client.newPage();
		await portal.goto(signInLink(mail));
		await portal.getByRole('button', { name: 'Continue and sign in' }).click();
		await expect(portal.getByRole('heading', { name: 'Welcome, Marina Costa' })).toBeVisible();
		await portal.getByRole('link', { name: new RegExp(name) }).click();
		await expect(portal.getByRole('heading', { name, level: 1 })).toBeVisible();
		await expect(portal.getByText('20% complete')).toBeVisible();
		await expect(portal.getByText('1 of 5 tasks done')).toBeVisible();
		const board = {
			'To Do': ['Sign-up form', 'Points ledger'],
			'In Progress': [],
			'In Review': ['Rewards catalogue'],
			Complete: ['Stamp card design'],
			'In Query': ['Which rewards?']
		};
		for (const [label, titles] of Object.entries(board)) {
			await expect(column(portal, label).locator('li.task .task-title')).toHaveText(titles);
		}
		await expect(portal.getByText('Max Member')).toHaveCount(0);
		await expect(portal.locator('details.task-menu')).toHaveCount(0);

		// Another client's project by URL: not found, nothing shown.
		const response = await portal.goto(portalUrl('demo', '/projects/prj_demo_website'));
		expect(response?.status()).toBe(404);
		await expect(portal.getByText('Website redesign')).toHaveCount(0);
		await client.close();
	});

	test('bad input shows messages next to the fields and keeps what was typed', async ({ page }) => {
		await signIn(page, dashboardUrl(), 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/projects/new'));
		await page.getByLabel('Client').selectOption({ label: 'Initech' });
		await page.getByLabel('Project name').fill('Backwards plan');
		const start = inDays(150);
		await page.getByLabel('Start date').fill(start);
		await page.getByLabel('Due date').fill(inDays(120));
		await page.getByRole('button', { name: 'Create project' }).click();
		await expect(page.locator('#dueDate-error')).toHaveText("The due date can't be before the start date.");
		await expect(page.getByLabel('Due date')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Project name')).toHaveValue('Backwards plan');
		await expect(page.getByLabel('Start date')).toHaveValue(start);
		await expect(page.getByLabel('Client')).toHaveValue('cli_demo_initech');

		await gotoHydrated(page, dashboardUrl('/clients/new'));
		await page.getByLabel('Company name').fill('Copycat Co');
		await page.getByLabel('Contact name').fill('Cam Copy');
		await page.getByLabel('Contact email').fill('client@demo.test');
		await page.getByRole('button', { name: 'Create client' }).click();
		await expect(page.locator('#contactEmail-error')).toContainText('already uses this email address');
		await expect(page.getByLabel('Company name')).toHaveValue('Copycat Co');
		await expect(page.getByLabel('Contact email')).toHaveValue('client@demo.test');
		await page.getByLabel('Company name').fill('');
		await page.getByLabel('Contact email').fill('cam@copycat.test');
		await page.getByRole('button', { name: 'Create client' }).click();
		await expect(page.locator('#name-error')).toHaveText("Enter the client's name.");
		await expect(page.getByLabel('Contact name')).toHaveValue('Cam Copy');
	});

	test('tasks can also be dragged between columns', async ({ page }) => {
		await signIn(page, dashboardUrl(), 'owner@demo.test');
		await gotoHydrated(page, dashboardUrl('/projects/prj_demo_intranet'));
		const task = card(page, 'Training session for editors');
		await expect(task).toBeVisible();
		await task.dragTo(column(page, 'In Review').locator('ul'));
		await expect(column(page, 'In Review').getByRole('link', { name: 'Training session for editors' })).toBeVisible();
		await page.reload();
		await expect(column(page, 'In Review').getByRole('link', { name: 'Training session for editors' })).toBeVisible();
	});
});
