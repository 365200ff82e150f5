import { describe, expect, it } from 'vitest';
import { nameProblem, plainName } from './names';

describe('names that reach emails', () => {
	it('accepts ordinary names of people and businesses, in any script', () => {
		for (const name of [
			'Olivia Owner',
			'Zoë & Co.',
			'J.R.R. Tolkien',
			'St. Louis Design',
			'Acme Inc.',
			'Studio 3.14',
			'O’Brien-Smith',
			'Ünlü Tasarım',
			'東京デザイン',
			'شرکت\u200cطراحی',
			'Dr. No',
			'A/B Testing Ltd',
			'Team @ Acme'
		]) {
			expect(nameProblem(name), name).toBeNull();
		}
	});

	it('refuses links, domains and email addresses', () => {
		for (const name of [
			'Security Team: verify at https://evil.example/login',
			'http://x',
			'HTTPS://EVIL.EXAMPLE',
			'visit www.evil',
			'evil.example',
			'Go to paypal.com.evil.example now',
			'bob@evil.example',
			'ftp://files',
			'Acme.io'
		]) {
			expect(nameProblem(name), name).toMatch(/link/);
		}
	});

	it('refuses control and invisible formatting characters', () => {
		for (const name of [
			'Line\nbreak',
			'Tab\there',
			'Null\u0000',
			'Bidi \u202egnp.exe',
			'Isolate \u2066x\u2069',
			'Zero\u200bwidth',
			'Para\u2029sep',
			'C1 \u0085'
		]) {
			expect(nameProblem(name), JSON.stringify(name)).toMatch(/plain text/);
		}
	});

	it('falls back for an email when a stored name is not plain', () => {
		expect(plainName('Demo Studio', 'your team')).toBe('Demo Studio');
		expect(plainName('Verify at https://evil.example', 'your team')).toBe('your team');
		expect(plainName('  ', 'your team')).toBe('your team');
		expect(plainName(null, 'your team')).toBe('your team');
	});
});
