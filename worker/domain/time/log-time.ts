import { z } from 'zod';
import { timeEntries } from '../../../db/schema';
import { newId } from '../../services/ids';
import { requireStaff } from '../actor';
import { activityInsert } from '../activity/record-activity';
import { parseInput } from '../errors';
import { findProject } from '../projects/find-project';
import type { Scope } from '../scope';
import { durationInput } from './duration';
import { todayIn } from '../calendar';
import { timeEntrySchema } from './time-entry-input';
import { defaultRateFor } from './default-rate';
import { withAmount, type StaffTimeEntry } from './time-views';

const projectField = z.object({
	projectId: z.string({ error: 'Choose a project.' }).trim().min(1, 'Choose a project.')
});

/** Staff log time on a project: date, duration, description, billable or not, hourly rate (default: the project's, else the workspace's) and currency. */
export async function logTime(opts: Scope & { input: unknown }): Promise<StaffTimeEntry> {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const now = services.clock.now();
	const { projectId } = parseInput(projectField, opts.input);
	const project = await findProject(opts, projectId);
	// A rate left out is the project's (else the workspace's); billable left out is on when there is a rate.
	const entry = parseInput(
		timeEntrySchema(workspace, {
			today: todayIn(workspace.timezone, now),
			minMinutes: 1,
			defaults: defaultRateFor(project, workspace)
		}),
		opts.input
	);
	const row = {
		id: newId('tim'),
		workspaceId: workspace.id,
		clientId: project.clientId,
		projectId: project.id,
		userId: staff.userId,
		...entry,
		createdAt: now,
		updatedAt: now
	};
	await services.db.batch([
		services.db.insert(timeEntries).values(row),
		activityInsert(opts, {
			verb: 'time.logged',
			summary: `Logged ${durationInput(entry.minutes)} h${entry.billable ? '' : ' (non-billable)'}: ${entry.description}`,
			clientId: project.clientId,
			projectId: project.id,
			subjectType: 'time_entry',
			subjectId: row.id
		})
	]);
	return withAmount({ ...row, userName: staff.name, timerStartedAt: null, invoiceId: null });
}
