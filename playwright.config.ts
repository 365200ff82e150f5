import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's Chromium (apt-get install chromium) against the
// Worker served by wrangler dev on a free port (see e2e/global-setup.ts).
export default defineConfig({
	testDir: 'e2e',
	testMatch: '**/*.e2e.ts',
	globalSetup: './e2e/global-setup.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	// The accessibility audit visits pages as a person would (opening a thread marks it
	// read, opening a quote counts a view), so it runs after the flows that assert such state.
	projects: [
		{ name: 'flows', testIgnore: /a11y\.e2e\.ts$/ },
		{ name: 'accessibility', testMatch: /a11y\.e2e\.ts$/, dependencies: ['flows'] }
	],
	use: {
		browserName: 'chromium',
		headless: true,
		trace: 'off',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1'
			]
		}
	}
});
