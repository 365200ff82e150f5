import { z } from 'zod';
import { notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { findTimeEntry } from './find-time-entry';
import { withAmount } from './time-views';

const inputSchema = z.object({ entryId: z.string().min(1), projectId: z.string().min(1).optional() });

/** One time entry for staff to edit; under the wrong project or workspace it is "not found". */
export async function getTimeEntry(opts: Scope & { input: unknown }) {
	const input = parseInput(inputSchema, opts.input);
	const row = await findTimeEntry(opts, input.entryId);
	if (input.projectId && row.projectId !== input.projectId) throw notFound('That time entry');
	return withAmount(row);
}
