import { z } from 'zod';

/**
 * Names people type that end up in emails to someone who did not ask for them:
 * a workspace's name, display name and sender name, a person's name (sign-up,
 * team invite, client contact). A stranger's text in an email we send would let
 * anyone phish from our domain ("Security Team: verify at https://…"), so such a
 * name is plain text: no link, domain or email address, and no control or
 * invisible formatting characters (line breaks, bidi overrides).
 */

// C0/C1 controls, zero-width space, line/paragraph separators, bidi embeddings, overrides and isolates, BOM.
// (Zero-width joiners stay: some scripts and emoji need them.)
const CONTROL = /[\p{Cc}\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;
// A scheme ("https://"), "www.", or anything a mail client would make a link of: label.label…tld.
const LINK = /[a-z][a-z0-9+.-]*:\/\/|(^|[^\p{L}\p{N}_-])www\.|[\p{L}\p{N}_-]\.\p{L}{2,}(?![\p{L}\p{N}_-])/iu;

export const NAME_CONTROL_MESSAGE = 'Use plain text: no line breaks, tabs or invisible formatting characters.';
export const NAME_LINK_MESSAGE = 'Leave out web and email addresses (like example.com): a name cannot contain a link.';

/** Why a name cannot be used, or null when it can. Pure, so pages and tests can use it too. */
export function nameProblem(value: string): string | null {
	if (CONTROL.test(value)) return NAME_CONTROL_MESSAGE;
	if (LINK.test(value)) return NAME_LINK_MESSAGE;
	return null;
}

/** The name rule as a zod refinement, for a schema that keeps its own length messages: `.superRefine(plainNameCheck)`. */
export const plainNameCheck = (value: string | null | undefined, ctx: z.RefinementCtx) => {
	const problem = value ? nameProblem(value) : null;
	if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** A required name, trimmed, at most `max` characters; `empty` is the message when it is missing. */
export function nameText(empty: string, max: number) {
	return z
		.string({ error: empty })
		.trim()
		.min(1, empty)
		.max(max, `Use at most ${max} characters.`)
		.superRefine(plainNameCheck);
}

/** An optional name: blank (or absent) is null. */
export function optionalNameText(max: number) {
	return z.preprocess(
		(v) =>
			v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
				? null
				: typeof v === 'string'
					? v.trim()
					: v,
		z.string({ error: 'Enter text.' }).max(max, `Use at most ${max} characters.`).nullable().superRefine(plainNameCheck)
	);
}

/** For an email to someone outside the workspace: the name if it is plain (rows written before these rules may not be), else the fallback. */
export function plainName(value: string | null | undefined, fallback: string): string {
	const name = value?.trim();
	return name && !nameProblem(name) ? name : fallback;
}
