import { and, eq } from 'drizzle-orm';
import { timeEntries } from '../../../db/schema';
import { requireStaff } from '../actor';
import { AppError, notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/** A time entry of the staff member's workspace; another workspace's is "not found". */
export async function findTimeEntry(scope: Scope, entryId: string) {
	requireStaff(scope.actor);
	const row = await scope.services.db
		.select()
		.from(timeEntries)
		.where(and(clientScope(timeEntries, scope), eq(timeEntries.id, entryId)))
		.get();
	if (!row) throw notFound('That time entry');
	return row;
}

/** Billed time is part of an invoice: it cannot change or go away. */
export const billedError = () =>
	new AppError('conflict', 'This time has been billed on an invoice, so it can no longer be changed or deleted.');
