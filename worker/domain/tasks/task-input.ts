import { z } from 'zod';
import { TASK_STATUSES } from '../../../db/schema';
import { choice, optionalDate, optionalText, requiredText } from '../form-fields';

export const taskStatus = choice(
	TASK_STATUSES,
	'Choose a column: To Do, In Progress, In Review, Complete or In Query.'
);

/** A task's fields. The assignee (a staff member of the workspace, or nobody) is checked by the use case. */
export const taskFields = z.object({
	title: requiredText("the task's title", 200),
	description: optionalText(5000),
	status: taskStatus.default('todo'),
	assigneeUserId: optionalText(64),
	dueDate: optionalDate()
});
