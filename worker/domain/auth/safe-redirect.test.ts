import { describe, expect, it } from 'vitest';
import { safeRedirect } from './email-address';

describe('safeRedirect (where a sign-in link lands)', () => {
	it('keeps same-site paths with their query and fragment', () => {
		expect(safeRedirect('/invoices/inv_1?tab=pay#due')).toBe('/invoices/inv_1?tab=pay#due');
		expect(safeRedirect('/')).toBe('/');
	});

	it('refuses anything a browser would read as another site', () => {
		const offSite = [
			'https://evil.example/x',
			'//evil.example/x',
			'/\\evil.example/x',
			'/\t/evil.example/x', // browsers strip tabs and newlines: "//evil.example/x"
			'/\n/evil.example/x',
			'/\r\n/evil.example',
			'\t//evil.example',
			'/%09/evil.example', // kept as an encoded same-site path, never decoded into a tab
			'javascript:alert(1)',
			'evil.example',
			''
		];
		for (const path of offSite) {
			const result = safeRedirect(path, '/home');
			expect(new URL(result, 'https://acme.portal.example.com').origin, JSON.stringify(path)).toBe(
				'https://acme.portal.example.com'
			);
		}
		expect(safeRedirect('/\t/evil.example/x', '/home')).toBe('/home');
		expect(safeRedirect('/\\evil.example', '/home')).toBe('/home');
		expect(safeRedirect(42, '/home')).toBe('/home');
	});

	it('refuses a path that only becomes protocol-relative once dot segments are resolved', () => {
		// new URL('/.//evil.example', origin).pathname is '//evil.example': as a Location header
		// (or after one more pass through safeRedirect) that is another site.
		for (const path of [
			'/.//evil.example',
			'/..//evil.example/x',
			'/a/..//evil.example',
			'/%2e//evil.example',
			'/%2E%2E//evil.example',
			'/./\\evil.example'
		]) {
			expect(safeRedirect(path, '/home'), JSON.stringify(path)).toBe('/home');
		}
		// A double slash further along is harmless and kept.
		expect(safeRedirect('/files//x')).toBe('/files//x');
	});
});
