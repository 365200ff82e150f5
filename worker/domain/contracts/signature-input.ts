import { z } from 'zod';

export const consentField = z.union([z.literal(true), z.literal('on'), z.literal('true')], {
	error: 'Tick the box to agree to sign electronically.'
});

const documentHash = z.string().regex(/^[0-9a-f]{64}$/, 'Reload the contract and try again.');

/**
 * What a signer sends, for the client's signature and the staff countersignature
 * alike: a typed name or a drawn PNG (checked by parseSignatureImage), consent,
 * and the hash of the text they read. `verb` words the messages.
 */
export function signatureInputSchema(verb: 'sign' | 'countersign') {
	const nameMessage = `Type your full name to ${verb}.`;
	return z.discriminatedUnion(
		'method',
		[
			z.object({
				method: z.literal('typed'),
				typedName: z
					.string({ error: nameMessage })
					.trim()
					.min(2, nameMessage)
					.max(120, 'Keep your name under 120 characters.'),
				consent: consentField,
				documentHash
			}),
			z.object({
				method: z.literal('drawn'),
				signatureImage: z.string({ error: 'Draw your signature in the box.' }),
				consent: consentField,
				documentHash
			})
		],
		{ error: 'Choose to type or draw your signature.' }
	);
}

/** A missing method is a typed signature (the JSON API before drawn countersignatures, and forms without JavaScript). */
export const withMethod = (input: unknown) =>
	input && typeof input === 'object' && !('method' in input) ? { ...input, method: 'typed' } : input;
