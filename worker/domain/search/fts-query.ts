/** Most terms a search uses; the rest of a long query is ignored. */
export const MAX_TERMS = 8;

/**
 * The FTS5 MATCH expression for what someone typed, or null when nothing in it
 * can match (only punctuation, say). Every term becomes a quoted string (FTS5's
 * own syntax, AND, OR, NEAR, column filters and stray quotes, is taken literally)
 * with a prefix star, and the terms are ANDed: "acme inv" finds "Acme Invoicing".
 * A term with no letter or digit would tokenize to nothing and is dropped.
 */
export function ftsQuery(text: string): string | null {
	const terms = text
		.split(/\s+/)
		.map((t) => t.replaceAll('"', ''))
		.filter((t) => /[\p{L}\p{N}]/u.test(t))
		.slice(0, MAX_TERMS);
	if (terms.length === 0) return null;
	return terms.map((t) => `"${t}"*`).join(' ');
}
