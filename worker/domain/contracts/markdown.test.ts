import { random } from '../../../tests/random';
import { describe, expect, it } from 'vitest';
import { regexScanLength } from '../../../tests/scan-counter';
import { parseInline, parseMarkdown, plainText, renderMarkdown } from './markdown';
import { hostileMarkdown, referenceParseInline, referenceParseMarkdown } from './markdown-reference';

describe('contract markdown', () => {
	it('renders the supported subset', () => {
		const html = renderMarkdown(
			[
				'# Terms',
				'',
				'This is **binding** and *final*, see `clause 2`.',
				'',
				'- one',
				'- two',
				'',
				'3. third',
				'4. fourth',
				'',
				'> quoted',
				'',
				'---',
				'',
				'[Site](https://example.com/a?b=1&c=2)'
			].join('\n')
		);
		expect(html).toContain('<h2>Terms</h2>');
		expect(html).toContain('<p>This is <strong>binding</strong> and <em>final</em>, see <code>clause 2</code>.</p>');
		expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
		expect(html).toContain('<ol start="3"><li>third</li><li>fourth</li></ol>');
		expect(html).toContain('<blockquote><p>quoted</p></blockquote>');
		expect(html).toContain('<hr>');
		expect(html).toContain('<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">Site</a>');
	});

	it('never lets HTML or script through', () => {
		const attacks = [
			'<script>alert(1)</script>',
			'<img src=x onerror=alert(1)>',
			'[click](javascript:alert(1))',
			'[click](JaVaScRiPt:alert(1))',
			'[click](data:text/html;base64,PHNjcmlwdD4=)',
			'[x](https://ok.example/"onmouseover="alert(1))',
			'**<b onclick=alert(1)>bold</b>**',
			'```\n</code></pre><script>alert(1)</script>\n```',
			'# <iframe src=//evil>',
			'[<svg onload=alert(1)>](https://ok.example)'
		];
		for (const attack of attacks) {
			const html = renderMarkdown(attack);
			expect(html, attack).not.toMatch(/<(script|img|iframe|svg|b )/i);
			expect(html, attack).not.toMatch(/href="(?!https?:|mailto:)/i);
			expect(html, attack).not.toMatch(/\son\w+="/i);
		}
		expect(renderMarkdown('[click](javascript:alert(1))')).toBe('<p>click</p>');
		expect(renderMarkdown('<script>x</script>')).toBe('<p>&lt;script&gt;x&lt;/script&gt;</p>');
	});

	it('allows mailto links and keeps link addresses in the plain text used for the PDF', () => {
		const blocks = parseMarkdown('Write to [us](mailto:legal@demo.test) or see [the site](https://demo.test).');
		expect(renderMarkdown('[us](mailto:legal@demo.test)')).toContain('href="mailto:legal@demo.test"');
		expect(blocks[0].t === 'p' && plainText(blocks[0].c)).toBe(
			'Write to us (legal@demo.test) or see the site (https://demo.test).'
		);
	});

	it('joins wrapped lines into one paragraph and continues list items', () => {
		expect(renderMarkdown('one\ntwo\n\nthree')).toBe('<p>one two</p>\n<p>three</p>');
		expect(renderMarkdown('- a\n  continued\n- b')).toBe('<ul><li>a continued</li><li>b</li></ul>');
		expect(renderMarkdown('snake_case_name stays')).toBe('<p>snake_case_name stays</p>');
	});
});

describe('contract markdown on hostile text', () => {
	it('parses exactly as the regex parser it replaced', () => {
		const next = random(2026);
		const pieces = [
			'*',
			'*',
			'_',
			'_',
			'`',
			'[',
			']',
			'(',
			')',
			' ',
			' ',
			'a',
			'b',
			'\n',
			'#',
			'\u2028',
			'\t',
			'\u00a0',
			'-',
			'>',
			'1.',
			'https://e.test',
			'mailto:a@b.test'
		];
		for (let n = 0; n < 4000; n++) {
			let text = n % 4 === 0 ? '#'.repeat(Math.floor(next() * 8)) : '';
			const length = Math.floor(next() * 60);
			for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
			expect(parseInline(text), JSON.stringify(text)).toEqual(referenceParseInline(text));
			expect(parseMarkdown(text), JSON.stringify(text)).toEqual(referenceParseMarkdown(text));
		}
	});

	it('searches each stretch of text a bounded number of times (the regex parser rescanned the rest after every match)', () => {
		const texts = Object.values(hostileMarkdown(4000));
		const scanned = regexScanLength(() => {
			for (const text of texts) renderMarkdown(text);
		});
		const total = texts.reduce((n, t) => n + t.length, 0);
		expect(scanned).toBeLessThan(20 * total);
	});

	it('renders 100,000 characters of each hostile pattern (this took hours: "**a " x 20,000 took two minutes, a heading padded with 5,000 spaces 86 s)', () => {
		const hostile = hostileMarkdown(100_000);
		expect(parseMarkdown(hostile.paddedHeading)).toEqual([
			{ t: 'h', level: 1, c: [{ t: 'text', v: `a${' '.repeat(100_000)}b` }] }
		]);
		expect(parseMarkdown(hostile.unclosedUnderscoreStrong)).toEqual([
			{ t: 'p', c: [{ t: 'text', v: hostile.unclosedUnderscoreStrong.trim() }] }
		]);
		const strong = parseMarkdown(hostile.unclosedStrong)[0];
		expect(strong.t === 'p' && strong.c.filter((n) => n.t === 'em').length).toBe(12_500);
		for (const [name, text] of Object.entries(hostile))
			expect(renderMarkdown(text).length, name).toBeGreaterThan(text.length / 2);
	});
});
