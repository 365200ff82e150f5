import { escapeHtml } from '../../services/mail/layout';

/**
 * A small, safe Markdown dialect for contracts. The text is parsed into a tiny
 * tree and every piece of text is escaped on output, so no HTML from the
 * author ever reaches the page: there is no raw-HTML passthrough at all.
 * Supported: # headings, paragraphs, - / * / 1. lists, > quotes, --- rules,
 * ``` code blocks, **bold**, *italic* / _italic_, `code`, and [links](url)
 * whose URL is http(s) or mailto (anything else is shown as plain text).
 * The same tree is drawn into the signed PDF.
 */
export type Inline =
	| { t: 'text'; v: string }
	| { t: 'code'; v: string }
	| { t: 'strong'; c: Inline[] }
	| { t: 'em'; c: Inline[] }
	| { t: 'link'; href: string; c: Inline[] };

export type Block =
	| { t: 'h'; level: 1 | 2 | 3; c: Inline[] }
	| { t: 'p'; c: Inline[] }
	| { t: 'ul'; items: Inline[][] }
	| { t: 'ol'; start: number; items: Inline[][] }
	| { t: 'quote'; c: Inline[] }
	| { t: 'hr' }
	| { t: 'pre'; v: string };

const SAFE_URL = /^(https?:\/\/[^\s<>"']+|mailto:[^\s<>"']+)$/i;

export function safeHref(url: string): string | null {
	const trimmed = url.trim();
	return SAFE_URL.test(trimmed) ? trimmed : null;
}

type Pattern = { re: RegExp; make: (m: RegExpExecArray) => Inline };
const PATTERNS: Pattern[] = [
	{ re: /`([^`\n]+)`/, make: (m) => ({ t: 'code', v: m[1] }) },
	{
		re: /\[([^\]\n]+)\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)\)/,
		make: (m) => {
			const href = safeHref(m[2]);
			return href ? { t: 'link', href, c: parseInline(m[1]) } : { t: 'text', v: m[1] };
		}
	},
	{ re: /\*\*(?=\S)([^\n]*?\S)\*\*/, make: (m) => ({ t: 'strong', c: parseInline(m[1]) }) },
	{ re: /__(?=\S)([^\n]*?\S)__/, make: (m) => ({ t: 'strong', c: parseInline(m[1]) }) },
	{ re: /\*(?=\S)([^*\n]*?\S)\*/, make: (m) => ({ t: 'em', c: parseInline(m[1]) }) },
	{ re: /(?<![\w])_(?=\S)([^_\n]*?\S)_(?![\w])/, make: (m) => ({ t: 'em', c: parseInline(m[1]) }) }
];

export function parseInline(text: string): Inline[] {
	const out: Inline[] = [];
	let rest = text;
	while (rest) {
		let best: { index: number; length: number; node: Inline } | null = null;
		for (const p of PATTERNS) {
			const m = p.re.exec(rest);
			if (m && (!best || m.index < best.index)) best = { index: m.index, length: m[0].length, node: p.make(m) };
		}
		if (!best) {
			out.push({ t: 'text', v: rest });
			break;
		}
		if (best.index > 0) out.push({ t: 'text', v: rest.slice(0, best.index) });
		out.push(best.node);
		rest = rest.slice(best.index + best.length);
	}
	return out;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const FENCE = /^\s{0,3}```/;

export function parseMarkdown(source: string): Block[] {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	const blocks: Block[] = [];
	let i = 0;
	const isBlank = (l: string) => l.trim() === '';
	const startsBlock = (l: string) => HEADING.test(l) || BULLET.test(l) || ORDERED.test(l) || RULE.test(l) || QUOTE.test(l) || FENCE.test(l);
	while (i < lines.length) {
		const line = lines[i];
		if (isBlank(line)) {
			i++;
			continue;
		}
		if (FENCE.test(line)) {
			const body: string[] = [];
			i++;
			while (i < lines.length && !FENCE.test(lines[i])) body.push(lines[i++]);
			i++;
			blocks.push({ t: 'pre', v: body.join('\n') });
			continue;
		}
		const heading = HEADING.exec(line);
		if (heading) {
			blocks.push({ t: 'h', level: Math.min(heading[1].length, 3) as 1 | 2 | 3, c: parseInline(heading[2]) });
			i++;
			continue;
		}
		if (RULE.test(line)) {
			blocks.push({ t: 'hr' });
			i++;
			continue;
		}
		if (QUOTE.test(line)) {
			const body: string[] = [];
			while (i < lines.length && QUOTE.test(lines[i])) body.push(QUOTE.exec(lines[i++])![1]);
			blocks.push({ t: 'quote', c: parseInline(body.join(' ').trim()) });
			continue;
		}
		const listKind = BULLET.test(line) ? BULLET : ORDERED.test(line) ? ORDERED : null;
		if (listKind) {
			const items: string[] = [];
			const start = listKind === ORDERED ? Number(ORDERED.exec(line)![1]) : 1;
			while (i < lines.length && !isBlank(lines[i])) {
				const m = listKind.exec(lines[i]);
				if (m) items.push(m[m.length - 1]);
				else if (startsBlock(lines[i])) break;
				else items[items.length - 1] += ` ${lines[i].trim()}`;
				i++;
			}
			const parsed = items.map((item) => parseInline(item.trim()));
			blocks.push(listKind === ORDERED ? { t: 'ol', start, items: parsed } : { t: 'ul', items: parsed });
			continue;
		}
		const para: string[] = [];
		while (i < lines.length && !isBlank(lines[i]) && !(para.length && startsBlock(lines[i]))) para.push(lines[i++].trim());
		blocks.push({ t: 'p', c: parseInline(para.join(' ')) });
	}
	return blocks;
}

function inlineHtml(nodes: Inline[]): string {
	return nodes
		.map((n) => {
			switch (n.t) {
				case 'text':
					return escapeHtml(n.v);
				case 'code':
					return `<code>${escapeHtml(n.v)}</code>`;
				case 'strong':
					return `<strong>${inlineHtml(n.c)}</strong>`;
				case 'em':
					return `<em>${inlineHtml(n.c)}</em>`;
				case 'link':
					return `<a href="${escapeHtml(n.href)}" rel="noopener noreferrer nofollow">${inlineHtml(n.c)}</a>`;
			}
		})
		.join('');
}

/** Markdown -> HTML that is safe to put on a page with {@html}: every character of the source is escaped. */
export function renderMarkdown(source: string): string {
	return parseMarkdown(source)
		.map((b) => {
			switch (b.t) {
				case 'h':
					// The page title is the h1; document headings start at h2.
					return `<h${b.level + 1}>${inlineHtml(b.c)}</h${b.level + 1}>`;
				case 'p':
					return `<p>${inlineHtml(b.c)}</p>`;
				case 'ul':
					return `<ul>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</ul>`;
				case 'ol':
					return `<ol${b.start !== 1 ? ` start="${b.start}"` : ''}>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</ol>`;
				case 'quote':
					return `<blockquote><p>${inlineHtml(b.c)}</p></blockquote>`;
				case 'hr':
					return '<hr>';
				case 'pre':
					return `<pre><code>${escapeHtml(b.v)}</code></pre>`;
			}
		})
		.join('\n');
}

/** The words of some inline nodes, for the PDF (links keep their address in brackets). */
export function plainText(nodes: Inline[]): string {
	return nodes
		.map((n) => {
			if (n.t === 'text' || n.t === 'code') return n.v;
			if (n.t === 'link') {
				const label = plainText(n.c);
				const target = n.href.replace(/^mailto:/i, '');
				return label === target ? label : `${label} (${target})`;
			}
			return plainText(n.c);
		})
		.join('');
}
