/** A piece of a message body: plain text, or a link whose text is the URL as written. */
export type BodyPart = { text: string; href?: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/**
 * Splits a plain-text message into text and http(s) links, for rendering with
 * escaping (Svelte text nodes and attributes). Nothing in a body is ever
 * treated as HTML, and only http(s) URLs become links; trailing punctuation
 * and an unbalanced closing bracket stay text ("see https://x.test/a).").
 */
export function linkify(body: string): BodyPart[] {
	const parts: BodyPart[] = [];
	let last = 0;
	for (const match of body.matchAll(URL_PATTERN)) {
		const url = match[0].slice(0, linkLength(match[0]));
		const href = safeHttpUrl(url);
		if (!href) continue;
		const start = match.index;
		if (start > last) parts.push({ text: body.slice(last, start) });
		parts.push({ text: url, href });
		last = start + url.length;
	}
	if (last < body.length) parts.push({ text: body.slice(last) });
	return parts;
}

const TRAILING = new Set('.,;:!?\'"*_');

/**
 * How much of a matched URL is the link: trailing punctuation comes off, and
 * so does a closing bracket with no opening one in the URL. The brackets are
 * counted once and updated as characters come off (recounting them per
 * character was quadratic: 20,000 ")" took 7 s).
 */
function linkLength(url: string): number {
	const open = { ')': 0, ']': 0 };
	const close = { ')': 0, ']': 0 };
	for (const ch of url) {
		if (ch === '(') open[')']++;
		else if (ch === '[') open[']']++;
		else if (ch === ')' || ch === ']') close[ch]++;
	}
	let end = url.length;
	for (;;) {
		const last = url[end - 1];
		if (TRAILING.has(last)) end--;
		else if ((last === ')' || last === ']') && close[last] > open[last]) {
			close[last]--;
			end--;
		} else return end;
	}
}

function safeHttpUrl(text: string): string | null {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
	} catch {
		return null;
	}
}
