import { describe, expect, it } from 'vitest';
import { regexScanLength } from '../../../tests/scan-counter';
import { linkify, type BodyPart } from './linkify';

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
		for (const body of [
			'javascript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'<a href="https://evil.test">x</a>',
			'vbscript:msgbox',
			'xhttps://nope.test',
			'https://'
		]) {
			const parts = linkify(body);
			const links = parts.filter((p) => p.href);
			for (const link of links) expect(link.href, body).toMatch(/^https?:\/\/[^"<>]+$/);
			expect(parts.map((p) => p.text).join(''), body).toBe(body);
		}
		expect(linkify('javascript:alert(1)')).toEqual([{ text: 'javascript:alert(1)' }]);
		expect(linkify('<a href="https://evil.test">x</a>').filter((p) => p.href)).toEqual([
			{ text: 'https://evil.test', href: 'https://evil.test/' }
		]);
	});

	it('keeps every character of the message, including newlines', () => {
		const body = 'line one\nhttps://a.test/x\n\nline <three> & "four"';
		expect(
			linkify(body)
				.map((p) => p.text)
				.join('')
		).toBe(body);
	});
});

/** The trimming linkify used before it was made linear: the reference for its output. */
function referenceLinkify(body: string): BodyPart[] {
	const count = (text: string, char: string) => text.split(char).length - 1;
	const parts: BodyPart[] = [];
	let last = 0;
	for (const match of body.matchAll(/\bhttps?:\/\/[^\s<>"'`]+/gi)) {
		let url = match[0];
		for (;;) {
			if (/[.,;:!?'"*_]$/.test(url)) url = url.slice(0, -1);
			else if (url.endsWith(')') && count(url, ')') > count(url, '(')) url = url.slice(0, -1);
			else if (url.endsWith(']') && count(url, ']') > count(url, '[')) url = url.slice(0, -1);
			else break;
		}
		let href: string | null = null;
		try {
			const parsed = new URL(url);
			href = (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname ? parsed.href : null;
		} catch {
			href = null;
		}
		if (!href) continue;
		if (match.index > last) parts.push({ text: body.slice(last, match.index) });
		parts.push({ text: url, href });
		last = match.index + url.length;
	}
	if (last < body.length) parts.push({ text: body.slice(last) });
	return parts;
}

describe('linkify on hostile text', () => {
	it('splits exactly as before on URLs ending in brackets and punctuation', () => {
		const tails = [
			'',
			')',
			'))',
			'(a)',
			'(a))',
			']',
			'[x]]',
			'.)',
			').',
			'?!',
			'_*',
			'"',
			"'",
			'(',
			'[',
			')]',
			'](',
			'é)'
		];
		for (const a of tails)
			for (const b of tails) {
				const body = `see https://x.test/p${a}q${b} and (http://y.test/${b}${a}) [https://z.test]${a}`;
				expect(linkify(body), body).toEqual(referenceLinkify(body));
			}
	});

	it('trims a long run of closing brackets or punctuation in linear work (it recounted the URL per character: 20,000 ")" took 7 s)', () => {
		const bodies = [')', ']', '.', '.)', ')]'].map((tail) => `https://a.test/x${tail.repeat(2500)}`);
		const scanned = regexScanLength(() => {
			for (const body of bodies)
				expect(linkify(body)[0]).toEqual({ text: 'https://a.test/x', href: 'https://a.test/x' });
		});
		expect(scanned).toBeLessThan(5 * bodies.reduce((n, b) => n + b.length, 0));
	});
});
