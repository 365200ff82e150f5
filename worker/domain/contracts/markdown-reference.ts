// Test support (imported by the markdown tests and the PDF bench only; jscpd ignores it:
// it is the old parser on purpose, so it repeats markdown.ts): hostile
// inputs, and the regex-based parser that markdown.ts replaced. Its output is the
// specification the linear parser reproduces; it is cubic on hostile text, so
// run it on short inputs only.
import { safeHref, type Block, type Inline } from './markdown';

type Pattern = { re: RegExp; make: (m: RegExpExecArray) => Inline };
const PATTERNS: Pattern[] = [
	{ re: /`([^`\n]+)`/, make: (m) => ({ t: 'code', v: m[1] }) },
	{
		re: /\[([^\]\n]+)\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)\)/,
		make: (m) => {
			const href = safeHref(m[2]);
			return href ? { t: 'link', href, c: referenceParseInline(m[1]) } : { t: 'text', v: m[1] };
		}
	},
	{ re: /\*\*(?=\S)([^\n]*?\S)\*\*/, make: (m) => ({ t: 'strong', c: referenceParseInline(m[1]) }) },
	{ re: /__(?=\S)([^\n]*?\S)__/, make: (m) => ({ t: 'strong', c: referenceParseInline(m[1]) }) },
	{ re: /\*(?=\S)([^*\n]*?\S)\*/, make: (m) => ({ t: 'em', c: referenceParseInline(m[1]) }) },
	{ re: /(?<![\w])_(?=\S)([^_\n]*?\S)_(?![\w])/, make: (m) => ({ t: 'em', c: referenceParseInline(m[1]) }) }
];

export function referenceParseInline(text: string): Inline[] {
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

export function referenceParseMarkdown(source: string): Block[] {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	const blocks: Block[] = [];
	let i = 0;
	const isBlank = (l: string) => l.trim() === '';
	const startsBlock = (l: string) =>
		HEADING.test(l) || BULLET.test(l) || ORDERED.test(l) || RULE.test(l) || QUOTE.test(l) || FENCE.test(l);
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
			blocks.push({ t: 'h', level: Math.min(heading[1].length, 3) as 1 | 2 | 3, c: referenceParseInline(heading[2]) });
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
			blocks.push({ t: 'quote', c: referenceParseInline(body.join(' ').trim()) });
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
			const parsed = items.map((item) => referenceParseInline(item.trim()));
			blocks.push(listKind === ORDERED ? { t: 'ol', start, items: parsed } : { t: 'ul', items: parsed });
			continue;
		}
		const para: string[] = [];
		while (i < lines.length && !isBlank(lines[i]) && !(para.length && startsBlock(lines[i])))
			para.push(lines[i++].trim());
		blocks.push({ t: 'p', c: referenceParseInline(para.join(' ')) });
	}
	return blocks;
}

/** Text built to hurt a backtracking or rescanning parser (each about `size` characters). */
export function hostileMarkdown(size: number): Record<string, string> {
	const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
	return {
		unclosedStrong: fill('**a '),
		unclosedUnderscoreStrong: fill('__a '),
		codeSpans: fill('`a` '),
		links: fill('[a](https://x.test) '),
		openBrackets: fill('['),
		openLinks: fill('[a'),
		unclosedUrl: `[a](${fill('b')}`,
		emphasis: fill('*a* _b_ '),
		mixed: fill('**a *b* `c` [d](https://e.test) _f_** '),
		paddedHeading: `# a${' '.repeat(size)}b`,
		listContinuation: `- a\n${fill('b\n')}`
	};
}
