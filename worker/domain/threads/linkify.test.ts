import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
	it('turns http(s) URLs into links and leaves the rest as text', () => {
		expect(linkify('See https://example.com/a?b=1&c=2 and http://x.test.')).toEqual([
			{ text: 'See ' },
			{ text: 'https://example.com/a?b=1&c=2', href: 'https://example.com/a?b=1&c=2' },
			{ text: ' and ' },
			{ text: 'http://x.test', href: 'http://x.test/' },
			{ text: '.' }
		]);
	});

	it('keeps trailing punctuation and an unbalanced bracket out of the link', () => {
		expect(linkify('(see https://en.wikipedia.org/wiki/Foo_(bar)), ok?')).toEqual([
			{ text: '(see ' },
			{ text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
			{ text: '), ok?' }
		]);
	});

	it('never links other schemes or markup', () => {
		for (const body of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '<a href="https://evil.test">x</a>', 'vbscript:msgbox', 'xhttps://nope.test', 'https://']) {
			const parts = linkify(body);
			const links = parts.filter((p) => p.href);
			for (const link of links) expect(link.href, body).toMatch(/^https?:\/\/[^"<>]+$/);
			expect(parts.map((p) => p.text).join(''), body).toBe(body);
		}
		expect(linkify('javascript:alert(1)')).toEqual([{ text: 'javascript:alert(1)' }]);
		expect(linkify('<a href="https://evil.test">x</a>').filter((p) => p.href)).toEqual([{ text: 'https://evil.test', href: 'https://evil.test/' }]);
	});

	it('keeps every character of the message, including newlines', () => {
		const body = 'line one\nhttps://a.test/x\n\nline <three> & "four"';
		expect(linkify(body).map((p) => p.text).join('')).toBe(body);
	});
});
