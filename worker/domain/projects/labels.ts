import { PROJECT_STATUSES, TASK_STATUSES, type ProjectStatus, type TaskStatus } from '../../../db/schema';

import { labelsOf, type StatusDisplay } from '../status-display';

export type { ProjectStatus, TaskStatus };

/** What people read for each status, everywhere (badges, pages, activity, emails). */
export const PROJECT_STATUS_DISPLAY: Record<ProjectStatus, StatusDisplay> = {
	active: { label: 'Active', tone: 'info' },
	on_hold: { label: 'On hold', tone: 'warning' },
	complete: { label: 'Complete', tone: 'success' },
	cancelled: { label: 'Cancelled', tone: 'neutral' }
};
export const PROJECT_STATUS_LABELS = labelsOf(PROJECT_STATUS_DISPLAY);

export const TASK_STATUS_DISPLAY: Record<TaskStatus, StatusDisplay> = {
	todo: { label: 'To Do', tone: 'neutral' },
	in_progress: { label: 'In Progress', tone: 'info' },
	in_review: { label: 'In Review', tone: 'warning' },
	complete: { label: 'Complete', tone: 'success' },
	in_query: { label: 'In Query', tone: 'danger' }
};
export const TASK_STATUS_LABELS = labelsOf(TASK_STATUS_DISPLAY);

/** The board's five columns, in order. */
export const TASK_COLUMNS = TASK_STATUSES.map((status) => ({ status, label: TASK_STATUS_LABELS[status] }));
export const PROJECT_STATUS_OPTIONS = PROJECT_STATUSES.map((status) => ({
	status,
	label: PROJECT_STATUS_LABELS[status]
}));
