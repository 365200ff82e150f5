import { z } from 'zod';

/**
 * An on/off setting from a form or JSON. Forms post a hidden "off" before the
 * checkbox's "on", so an unticked box still says "off" (the last value wins);
 * left out entirely, it is undefined and the caller keeps its default.
 */
export const flagInput = (message: string) =>
	z.preprocess(
		(v) => (Array.isArray(v) ? v.at(-1) : v),
		z
			.union([
				z.boolean(),
				z.enum(['on', 'off', 'true', 'false'], { error: message }).transform((v) => v === 'on' || v === 'true')
			])
			.optional()
	);
