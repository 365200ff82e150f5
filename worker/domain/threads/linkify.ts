/** A piece of a message body: plain text, or a link whose text is the URL as written. */
export type BodyPart = { text: string; href?: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"*_]$/;

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
		let url = match[0];
		for (;;) {
			if (TRAILING.test(url)) url = url.slice(0, -1);
			else if (url.endsWith(')') && count(url, ')') > count(url, '(')) url = url.slice(0, -1);
			else if (url.endsWith(']') && count(url, ']') > count(url, '[')) url = url.slice(0, -1);
			else break;
		}
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

function count(text: string, char: string): number {
	return text.split(char).length - 1;
}

function safeHttpUrl(text: string): string | null {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
	} catch {
		return null;
	}
}
