import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { clients } from './clients';
import { createdAt, isoDate, pk, timestamp, updatedAt } from './columns';
import { workspaces } from './workspaces';

export const PROJECT_STATUSES = ['active', 'on_hold', 'complete', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const TASK_STATUSES = ['todo', 'in_progress', 'in_review', 'complete', 'in_query'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const projects = sqliteTable(
	'projects',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text()
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		description: text(),
		status: text().$type<ProjectStatus>().notNull().default('active'),
		startDate: isoDate(),
		dueDate: isoDate(),
		// Set when the project was created by accepting a quote.
		quoteId: text(),
		// Hourly rate (minor units, the workspace's default currency) for time logged here; overrides the workspace's.
		hourlyRateMinor: integer(),
		createdByUserId: text(),
		completedAt: timestamp(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		// Status is part of the client index because the portal lists a client's projects with
		// a status filter: with (workspace, client) alone SQLite preferred (workspace, status)
		// and walked every client's active projects.
		index('projects_ws_client_status_idx').on(t.workspaceId, t.clientId, t.status),
		index('projects_ws_status_idx').on(t.workspaceId, t.status)
	]
);

/**
 * Tasks carry clientId (copied from their project) so the portal's client
 * scope is one equality on every client-owned table: see worker/domain/tenancy.
 */
export const tasks = sqliteTable(
	'tasks',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		projectId: text()
			.notNull()
			.references(() => projects.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		description: text(),
		status: text().$type<TaskStatus>().notNull().default('todo'),
		// Order inside a column; fractional so a move writes one row.
		position: real().notNull().default(0),
		assigneeUserId: text(),
		dueDate: isoDate(),
		completedAt: timestamp(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('tasks_project_status_idx').on(t.projectId, t.status, t.position),
		// With status: the portal's "needs your attention" finds a client's tasks In Query without walking the rest.
		index('tasks_ws_client_status_idx').on(t.workspaceId, t.clientId, t.status)
	]
);
