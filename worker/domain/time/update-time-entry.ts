import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { timeEntries } from '../../../db/schema';
import { requireStaff } from '../actor';
import { activityInsertIfChanged } from '../activity/record-activity';
import { parseInput } from '../errors';
import type { Scope } from '../scope';
import { durationInput } from './duration';
import { billedError, findTimeEntry } from './find-time-entry';
import { todayIn } from '../calendar';
import { timeEntrySchema } from './time-entry-input';

const idField = z.object({ entryId: z.string().min(1) });

/**
 * Staff change a time entry (all its fields at once, as the edit form sends
 * them). Billed entries (invoiceId set) cannot change: the update is
 * conditional on invoice_id IS NULL, so an entry billed a moment ago is not
 * changed either, and then nothing is logged.
 */
export async function updateTimeEntry(opts: Scope & { input: unknown }): Promise<{ id: string }> {
	requireStaff(opts.actor);
	const { services, workspace } = opts;
	const { entryId } = parseInput(idField, opts.input);
	const current = await findTimeEntry(opts, entryId);
	if (current.invoiceId) throw billedError();
	const now = services.clock.now();
	// A running timer may still be at 0 minutes; stopping it adds the elapsed time.
	const entry = parseInput(
		timeEntrySchema(workspace, { today: todayIn(workspace.timezone, now), minMinutes: current.timerStartedAt ? 0 : 1 }),
		opts.input
	);
	const [update] = await services.db.batch([
		services.db
			.update(timeEntries)
			.set({ ...entry, updatedAt: now })
			.where(
				and(eq(timeEntries.id, current.id), eq(timeEntries.workspaceId, workspace.id), isNull(timeEntries.invoiceId))
			),
		activityInsertIfChanged(opts, {
			verb: 'time.updated',
			summary: `Edited time entry (${durationInput(entry.minutes)} h): ${entry.description}`,
			clientId: current.clientId,
			projectId: current.projectId,
			subjectType: 'time_entry',
			subjectId: current.id
		})
	]);
	if (update.meta.changes === 0) {
		// Lost a race: billed meanwhile (conflict) or already deleted (not found).
		await findTimeEntry(opts, current.id);
		throw billedError();
	}
	return { id: current.id };
}
