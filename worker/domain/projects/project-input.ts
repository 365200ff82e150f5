import { z } from 'zod';
import { PROJECT_STATUSES } from '../../../db/schema';
import { choice, idField, optionalDate, optionalText, requiredText } from '../form-fields';
import { AppError } from '../errors';
import { parseMoney } from '../money';

const fields = {
	name: requiredText("the project's name", 200),
	description: optionalText(5000),
	status: choice(PROJECT_STATUSES, 'Choose a status: active, on hold, complete or cancelled.'),
	startDate: optionalDate(),
	dueDate: optionalDate(),
	// Typed in the workspace's default currency (hourlyRateMinor turns it into minor units); blank: none.
	hourlyRate: optionalText(20)
};

const dates = z.object({ startDate: fields.startDate, dueDate: fields.dueDate });

/**
 * ISO dates compare as text. `when` runs the check as soon as both dates are
 * valid, even if other fields failed, so every message shows at once.
 */
const inOrder = (value: { startDate: string | null; dueDate: string | null }) =>
	!(value.startDate && value.dueDate && value.dueDate < value.startDate);
const inOrderMessage = {
	path: ['dueDate'],
	message: "The due date can't be before the start date.",
	when: (payload: { value: unknown }) => dates.safeParse(payload.value).success
};

/** Editing a project: its client stays (see ARCHITECTURE.md, Projects). */
export const projectFields = z.object(fields).refine(inOrder, inOrderMessage);

/** Creating a project: the same fields and the client it is for. */
export const newProjectFields = z
	.object({ ...fields, status: fields.status.default('active'), clientId: idField('Choose a client.') })
	.refine(inOrder, inOrderMessage);

/**
 * A project's hourly rate as typed ("95.50", blank for none) in the workspace's default currency,
 * as minor units, or a field error. New time on the project starts from it (time/default-rate.ts).
 */
export function hourlyRateMinor(typed: string | null, currency: string): number | null {
	if (!typed) return null;
	const minor = parseMoney(typed, currency);
	if (minor === null || minor < 0 || minor > 1_000_000_000)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { hourlyRate: `Enter an hourly rate in ${currency}, like 95.50, or leave it empty.` }
		});
	return minor;
}
