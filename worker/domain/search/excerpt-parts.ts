import { MARK_END, MARK_START } from './search-workspace';

const MARKED = new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, 'g');

/** A search excerpt cut into plain and matched pieces, for pages to wrap the matches in <mark> (never as HTML). */
export function excerptParts(excerpt: string): { text: string; mark: boolean }[] {
	// split() with a capture group alternates: plain, marked, plain, marked, ...
	return excerpt
		.split(MARKED)
		.map((text, i) => ({ text: text.replaceAll(MARK_START, '').replaceAll(MARK_END, ''), mark: i % 2 === 1 }))
		.filter((p) => p.text);
}
