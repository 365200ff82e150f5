import { escapeHtml } from '../../services/mail/layout';

/**
 * A small, safe Markdown dialect for contracts. The text is parsed into a tiny
 * tree and every piece of text is escaped on output, so no HTML from the
 * author ever reaches the page: there is no raw-HTML passthrough at all.
 * Supported: # headings, paragraphs, - / * / 1. lists, > quotes, --- rules,
 * ``` code blocks, **bold**, *italic* / _italic_, `code`, and [links](url)
 * whose URL is http(s) or mailto (anything else is shown as plain text).
 * The same tree is drawn into the signed PDF.
 *
 * Why not a standard lexer (marked, markdown-it, micromark): they pass raw HTML
 * through unless configured not to, and their token sets (tables, images, HTML,
 * footnotes, reference links) are far larger than what the PDF renderer draws, so
 * every one would need refusing in two places. This dialect is the contract:
 * ~330 lines, linear on hostile input (`markdown.test.ts` checks it against the
 * old regex parser kept in `markdown-reference.ts`), and one tree for the page,
 * the email-safe HTML and the PDF. Revisit if contracts need tables.
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

/**
 * Inline parsing finds, from the current position, the leftmost match of each
 * construct (ties go to the first in this order: code, link, **strong**,
 * __strong__, *em*, _em_), takes the leftmost, and goes on after it. What
 * counts as a match is exactly what the regular expressions of the earlier
 * parser matched on the rest of the text (kept in markdown-reference.ts, which
 * the tests compare against). Run naively those searches are cubic on text
 * such as "**a " repeated: every search rescanned the rest, and the lazy
 * strong pattern scanned to the end of the text from every opener (20,000
 * characters took two minutes). Here each construct remembers its next match
 * until the position passes it, and the link and strong constructs are matched
 * with precomputed "next closer" tables, so the whole parse is linear.
 */
type Found = { index: number; end: number; node: () => Inline };
/** The leftmost match at or after `from`; called with increasing `from` only. */
type Finder = (from: number) => Found | null;

const isSpace = (code: number) =>
	code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));
const NEWLINE = 10;

/** For each position, the first position at or after it where `test` holds (text.length if none). */
function nextWhere(text: string, test: (i: number) => boolean): Int32Array {
	const next = new Int32Array(text.length + 2).fill(text.length);
	for (let i = text.length - 1; i >= 0; i--) next[i] = test(i) ? i : next[i + 1];
	return next;
}

/** A construct with a linear-time regular expression (its content cannot contain its own delimiter), searched on the rest of the text. */
function regexFinder(text: string, re: RegExp, make: (m: RegExpExecArray) => Inline): Finder {
	const global = new RegExp(re.source, 'g');
	return (from) => {
		global.lastIndex = from;
		const m = global.exec(text);
		return m ? { index: m.index, end: m.index + m[0].length, node: () => make(m) } : null;
	};
}

function codeFinder(text: string): Finder {
	return regexFinder(text, /`([^`\n]+)`/, (m) => ({ t: 'code', v: m[1] }));
}

function emStarFinder(text: string): Finder {
	return regexFinder(text, /\*(?=\S)([^*\n]*?\S)\*/, (m) => ({ t: 'em', c: parseInline(m[1]) }));
}

/** `_em_` looks behind its opener, and the rest of the text starts a new string: so it is searched on the rest itself. */
const EM_UNDERSCORE = /(?<![\w])_(?=\S)([^_\n]*?\S)_(?![\w])/;
const EM_UNDERSCORE_HERE = new RegExp(EM_UNDERSCORE.source, 'y');
const emUnderscore = (m: RegExpExecArray): Inline => ({ t: 'em', c: parseInline(m[1]) });

function emUnderscoreFinder(text: string): Finder {
	return (from) => {
		const m = EM_UNDERSCORE.exec(text.slice(from));
		return m ? { index: from + m.index, end: from + m.index + m[0].length, node: () => emUnderscore(m) } : null;
	};
}

/** Whether `_em_` matches right at the start of the rest (where nothing is behind the opener). */
function emUnderscoreAt(text: string, at: number): Found | null {
	EM_UNDERSCORE_HERE.lastIndex = 0;
	const m = EM_UNDERSCORE_HERE.exec(text.slice(at));
	return m ? { index: at, end: at + m[0].length, node: () => emUnderscore(m) } : null;
}

/** `**strong**` / `__strong__`: the first opener (doubled delimiter, then not a space) whose first closer (doubled delimiter after a non-space) comes before the next newline. */
function strongFinder(text: string, delimiter: string): Finder {
	const d = delimiter.charCodeAt(0);
	const pair = delimiter + delimiter;
	let closer: Int32Array | null = null;
	let newline: Int32Array | null = null;
	return (from) => {
		for (let i = text.indexOf(pair, from); i !== -1 && i + 2 < text.length; i = text.indexOf(pair, i + 1)) {
			if (isSpace(text.charCodeAt(i + 2))) continue;
			closer ??= nextWhere(
				text,
				(j) => j > 0 && text.charCodeAt(j) === d && text.charCodeAt(j + 1) === d && !isSpace(text.charCodeAt(j - 1))
			);
			newline ??= nextWhere(text, (j) => text.charCodeAt(j) === NEWLINE);
			const j = closer[i + 3];
			if (j < text.length && newline[i + 2] > j) {
				const content = text.slice(i + 2, j);
				return { index: i, end: j + 2, node: () => ({ t: 'strong', c: parseInline(content) }) };
			}
		}
		return null;
	};
}

/** `[text](url)`: text up to the first `]` (no newline, not empty), then `(`, then a URL with at most one balanced `(...)` and no spaces, then `)`. */
function linkFinder(text: string): Finder {
	let textEnd: Int32Array | null = null;
	let urlStop: Int32Array | null = null;
	const urlEnds = new Map<number, number>();
	/** Where the `(url)` after the `]` at k ends (after its `)`), or -1. */
	const urlEnd = (k: number): number => {
		let end = urlEnds.get(k);
		if (end !== undefined) return end;
		end = -1;
		if (text.charCodeAt(k + 1) === 40 /* ( */) {
			urlStop ??= nextWhere(text, (i) => {
				const c = text.charCodeAt(i);
				return c === 40 || c === 41 || isSpace(c);
			});
			const e = urlStop[k + 2];
			if (text.charCodeAt(e) === 41 /* ) */) end = e + 1;
			else if (text.charCodeAt(e) === 40) {
				const f = urlStop[e + 1];
				const g = text.charCodeAt(f) === 41 ? urlStop[f + 1] : -1;
				if (g !== -1 && text.charCodeAt(g) === 41) end = g + 1;
			}
		}
		urlEnds.set(k, end);
		return end;
	};
	return (from) => {
		for (let i = text.indexOf('[', from); i !== -1; i = text.indexOf('[', i + 1)) {
			textEnd ??= nextWhere(text, (j) => {
				const c = text.charCodeAt(j);
				return c === 93 /* ] */ || c === NEWLINE;
			});
			const k = textEnd[i + 1];
			if (k === i + 1 || text.charCodeAt(k) !== 93) continue;
			const end = urlEnd(k);
			if (end === -1) continue;
			const label = text.slice(i + 1, k);
			const url = text.slice(k + 2, end - 1);
			return {
				index: i,
				end,
				node: () => {
					const href = safeHref(url);
					return href ? { t: 'link', href, c: parseInline(label) } : { t: 'text', v: label };
				}
			};
		}
		return null;
	};
}

export function parseInline(text: string): Inline[] {
	const finders = [
		codeFinder(text),
		linkFinder(text),
		strongFinder(text, '*'),
		strongFinder(text, '_'),
		emStarFinder(text),
		emUnderscoreFinder(text)
	];
	const UNDERSCORE_EM = finders.length - 1;
	const next: (Found | null | undefined)[] = finders.map(() => undefined);
	const out: Inline[] = [];
	let pos = 0;
	while (pos < text.length) {
		let best: Found | null = null;
		for (const [f, find] of finders.entries()) {
			let found = next[f];
			if (found === undefined || (found && found.index < pos)) found = find(pos);
			else if (f === UNDERSCORE_EM && text.charCodeAt(pos) === 95 /* _ */ && found?.index !== pos)
				found = emUnderscoreAt(text, pos) ?? found;
			next[f] = found;
			if (found && (!best || found.index < best.index)) best = found;
		}
		if (!best) {
			out.push({ t: 'text', v: text.slice(pos) });
			break;
		}
		if (best.index > pos) out.push({ t: 'text', v: text.slice(pos, best.index) });
		out.push(best.node());
		pos = best.end;
	}
	return out;
}

/** `^(#{1,6})\s+(.*?)\s*#*\s*$` without the regex's backtracking (cubic on a heading padded with spaces): the level and the text, or null. */
function matchHeading(line: string): { level: number; text: string } | null {
	let hashes = 0;
	while (hashes < line.length && line.charCodeAt(hashes) === 35 /* # */) hashes++;
	if (hashes < 1 || hashes > 6 || !isSpace(line.charCodeAt(hashes))) return null;
	let start = hashes;
	while (start < line.length && isSpace(line.charCodeAt(start))) start++;
	// The text ends where the longest "spaces, #s, spaces" tail of the line starts.
	let end = line.length;
	while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
	while (end > start && line.charCodeAt(end - 1) === 35) end--;
	while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
	const text = line.slice(start, end);
	// `.` does not cross a line separator.
	if (/[\r\n\u2028\u2029]/.test(text)) return null;
	return { level: hashes, text };
}

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
	const startsBlock = (l: string) =>
		matchHeading(l) !== null || BULLET.test(l) || ORDERED.test(l) || RULE.test(l) || QUOTE.test(l) || FENCE.test(l);
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
		const heading = matchHeading(line);
		if (heading) {
			blocks.push({ t: 'h', level: Math.min(heading.level, 3) as 1 | 2 | 3, c: parseInline(heading.text) });
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
		while (i < lines.length && !isBlank(lines[i]) && !(para.length && startsBlock(lines[i])))
			para.push(lines[i++].trim());
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
