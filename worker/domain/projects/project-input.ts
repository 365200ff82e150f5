import { z } from 'zod';
import { PROJECT_STATUSES } from '../../../db/schema';
import { choice, idField, optionalDate, optionalText, requiredText } from '../form-fields';

const fields = {
	name: requiredText("the project's name", 200),
	description: optionalText(5000),
	status: choice(PROJECT_STATUSES, 'Choose a status: active, on hold, complete or cancelled.'),
	startDate: optionalDate(),
	dueDate: optionalDate()
};

type Dates = { startDate: string | null; dueDate: string | null };

/** ISO dates compare as text; checked even when other fields failed, so every message shows at once. */
function datesInOrder(value: Dates, ctx: z.RefinementCtx) {
	if (value.startDate && value.dueDate && value.dueDate < value.startDate) {
		ctx.addIssue({ code: 'custom', path: ['dueDate'], message: "The due date can't be before the start date." });
	}
}

/** Editing a project: its client stays (see ARCHITECTURE.md, Projects). */
export const projectFields = z.object(fields).superRefine(datesInOrder);

/** Creating a project: the same fields and the client it is for. */
export const newProjectFields = z.object({ ...fields, status: fields.status.default('active'), clientId: idField('Choose a client.') }).superRefine(datesInOrder);
