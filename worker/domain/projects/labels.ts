import { PROJECT_STATUSES, TASK_STATUSES, type ProjectStatus, type TaskStatus } from '../../../db/schema';

export type { ProjectStatus, TaskStatus };

/** What people read for each status, everywhere (pages, activity, emails). */
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
	active: 'Active',
	on_hold: 'On hold',
	complete: 'Complete',
	cancelled: 'Cancelled'
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
	todo: 'To Do',
	in_progress: 'In Progress',
	in_review: 'In Review',
	complete: 'Complete',
	in_query: 'In Query'
};

/** The board's five columns, in order. */
export const TASK_COLUMNS = TASK_STATUSES.map((status) => ({ status, label: TASK_STATUS_LABELS[status] }));
export const PROJECT_STATUS_OPTIONS = PROJECT_STATUSES.map((status) => ({ status, label: PROJECT_STATUS_LABELS[status] }));
