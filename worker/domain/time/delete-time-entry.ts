// jscpd:ignore-start (the same imports as update-time-entry.ts: sibling use cases)
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { timeEntries } from '../../../db/schema';
import { requireStaff } from '../actor';
import { activityInsertIfChanged } from '../activity/record-activity';
import { parseInput } from '../errors';
import type { Scope } from '../scope';
import { durationInput } from './duration';
import { billedError, findTimeEntry } from './find-time-entry';
// jscpd:ignore-end

const inputSchema = z.object({ entryId: z.string().min(1) });

/** Staff delete a time entry that has not been billed (same conditional rule as editing). */
export async function deleteTimeEntry(opts: Scope & { input: unknown }): Promise<{ id: string }> {
	requireStaff(opts.actor);
	const { entryId } = parseInput(inputSchema, opts.input);
	const current = await findTimeEntry(opts, entryId);
	if (current.invoiceId) throw billedError();
	const db = opts.services.db;
	const [deleted] = await db.batch([
		db
			.delete(timeEntries)
			.where(
				and(
					eq(timeEntries.id, current.id),
					eq(timeEntries.workspaceId, opts.workspace.id),
					isNull(timeEntries.invoiceId)
				)
			),
		activityInsertIfChanged(opts, {
			verb: 'time.deleted',
			summary: `Deleted time entry (${durationInput(current.minutes)} h): ${current.description}`,
			clientId: current.clientId,
			projectId: current.projectId,
			subjectType: 'time_entry',
			subjectId: current.id
		})
	]);
	if (deleted.meta.changes === 0) {
		// Lost a race: billed meanwhile (conflict) or already deleted (not found).
		await findTimeEntry(opts, current.id);
		throw billedError();
	}
	return { id: current.id };
}
