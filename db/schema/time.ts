import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, currency, flag, minor, pk, timestamp, updatedAt } from './columns';
import { workspaces } from './workspaces';

/** Time logged against a project. Amount = round(minutes * rateMinor / 60). */
export const timeEntries = sqliteTable(
	'time_entries',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		projectId: text().notNull(),
		taskId: text(),
		userId: text(),
		date: text().notNull(),
		minutes: integer().notNull().default(0),
		description: text().notNull(),
		billable: flag(true),
		// Hourly rate in minor units.
		rateMinor: minor(),
		currency: currency(),
		// A running timer has timerStartedAt set; stopping adds the elapsed minutes.
		timerStartedAt: timestamp(),
		invoiceId: text(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('time_project_date_idx').on(t.projectId, t.date),
		index('time_ws_client_idx').on(t.workspaceId, t.clientId)
	]
);
