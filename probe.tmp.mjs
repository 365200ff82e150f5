import { chromium } from '@playwright/test';
const port = 8801;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1'] });
const link = async (email, workspace) => (await (await fetch(`http://localhost:${port}/dev/login-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, ...(workspace ? { workspace } : {}) }) })).json()).url;
for (const [email, ws, base, paths] of [['client@demo.test', 'demo', `http://demo.localhost:${port}`, ['/', '/projects/prj_demo_website']], ['owner@demo.test', null, `http://localhost:${port}`, ['/', '/clients', '/clients/cli_demo_initech', '/projects', '/projects/prj_demo_intranet', '/projects/new']]]) {
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await ctx.newPage();
	await page.goto(await link(email, ws));
	await page.getByRole('button', { name: 'Continue and sign in' }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/auth'));
	for (const p of paths) {
		await page.goto(base + p);
		const w = await page.evaluate(() => {
			const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.board,.tabs,.table-wrap')).slice(0, 5).map((el) => el.tagName + '.' + el.className);
			return { sw: document.documentElement.scrollWidth, wide };
		});
		console.log(p, JSON.stringify(w));
	}
}
await browser.close();
