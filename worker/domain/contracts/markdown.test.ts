import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText, renderMarkdown } from './markdown';

describe('contract markdown', () => {
	it('renders the supported subset', () => {
		const html = renderMarkdown(
			['# Terms', '', 'This is **binding** and *final*, see `clause 2`.', '', '- one', '- two', '', '3. third', '4. fourth', '', '> quoted', '', '---', '', '[Site](https://example.com/a?b=1&c=2)'].join('\n')
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
		expect(blocks[0].t === 'p' && plainText(blocks[0].c)).toBe('Write to us (legal@demo.test) or see the site (https://demo.test).');
	});

	it('joins wrapped lines into one paragraph and continues list items', () => {
		expect(renderMarkdown('one\ntwo\n\nthree')).toBe('<p>one two</p>\n<p>three</p>');
		expect(renderMarkdown('- a\n  continued\n- b')).toBe('<ul><li>a continued</li><li>b</li></ul>');
		expect(renderMarkdown('snake_case_name stays')).toBe('<p>snake_case_name stays</p>');
	});
});
