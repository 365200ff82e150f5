const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** A prefixed random id, e.g. prj_4f9k2m...: 80 random bits, so ids are not guessable either. */
export function newId(prefix: string): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let out = '';
	for (const b of bytes) out += alphabet[b & 31];
	return `${prefix}_${out}`;
}
