/** Most terms a search uses; the rest of a long query is ignored. */
export const MAX_TERMS = 8;

/**
 * The FTS5 MATCH expression for what someone typed, or null when nothing in it
 * can match (only punctuation, say). Every term becomes a quoted string (FTS5's
 * own syntax, AND, OR, NEAR, column filters and stray quotes, is taken literally),
 * the terms are ANDed, and the last one, still being typed, is a prefix: "acme inv"
 * finds "Acme Invoicing". Only the last: a prefix term costs FTS5 the whole list of
 * rows holding any word it starts (150 ms for a word in every bench message, against
 * 3 ms for the word itself). A term with no letter or digit would tokenize to nothing
 * and is dropped.
 */
export function ftsQuery(text: string): string | null {
	const terms = text
		.split(/\s+/)
		.map((t) => t.replaceAll('"', ''))
		.filter((t) => /[\p{L}\p{N}]/u.test(t))
		.slice(0, MAX_TERMS);
	if (terms.length === 0) return null;
	return terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}
