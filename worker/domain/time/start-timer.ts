import { sql } from 'drizzle-orm';
import { newId } from '../../services/ids';
import { requireStaff } from '../actor';
import { activityInsertIfChanged } from '../activity/record-activity';
import { AppError, parseInput } from '../errors';
import { findProject } from '../projects/find-project';
import type { Scope } from '../scope';
import { runningTimer } from './running-timer';
import { todayIn } from '../calendar';
import { timerSchema } from './time-entry-input';
import { defaultRateFor } from './default-rate';

/**
 * A staff member starts a timer on a project: a time entry with
 * timerStartedAt set and 0 minutes. One running timer per person per
 * workspace: the insert only happens if none is running (one SQL statement, so
 * two quick clicks cannot start two), and the activity entry follows only if
 * it did.
 */
export async function startTimer(opts: Scope & { input: unknown }): Promise<{ id: string; startedAt: number }> {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const projectId = (opts.input as { projectId?: unknown } | null)?.projectId;
	const project = typeof projectId === 'string' && projectId.trim() ? await findProject(opts, projectId.trim()) : null;
	const input = parseInput(
		timerSchema(workspace, project ? defaultRateFor(project, workspace) : undefined),
		opts.input
	);
	if (!project)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { projectId: 'Choose a project.' }
		});
	const now = services.clock.now();
	const id = newId('tim');
	const [inserted] = await services.db.batch([
		services.db
			.run(sql`INSERT INTO time_entries (id, workspace_id, client_id, project_id, user_id, date, minutes, description, billable, rate_minor, currency, timer_started_at, created_at, updated_at)
			SELECT ${id}, ${workspace.id}, ${project.clientId}, ${project.id}, ${staff.userId}, ${todayIn(workspace.timezone, now)}, 0, ${input.description}, ${input.billable ? 1 : 0}, ${input.rateMinor}, ${input.currency}, ${now}, ${now}, ${now}
			WHERE NOT EXISTS (SELECT 1 FROM time_entries WHERE workspace_id = ${workspace.id} AND user_id = ${staff.userId} AND timer_started_at IS NOT NULL)`),
		activityInsertIfChanged(opts, {
			verb: 'time.timer_started',
			summary: `Started a timer: ${input.description}`,
			clientId: project.clientId,
			projectId: project.id,
			subjectType: 'time_entry',
			subjectId: id
		})
	]);
	if (inserted.meta.changes === 0) {
		const running = await runningTimer(opts);
		throw new AppError(
			'conflict',
			`You already have a timer running${running ? ` on ${running.projectName}` : ''}. Stop it before starting another.`
		);
	}
	return { id, startedAt: now };
}
