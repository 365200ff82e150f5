import { eq } from 'drizzle-orm';
import { projects } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, parseInput } from '../errors';
import { mergeInput } from '../form-fields';
import type { Scope } from '../scope';
import { findProject } from './find-project';
import { PROJECT_STATUS_LABELS } from './labels';
import { hourlyRateMinor, projectFields } from './project-input';
import { minorToInput } from '../money';

/**
 * Edits a project (staff only). Fields left out keep their value (PATCH).
 * Entering Complete stamps completedAt; leaving it clears the stamp.
 */
export async function updateProject(opts: Scope & { projectId: string; input: unknown }): Promise<void> {
	const staff = requireStaff(opts.actor);
	const { db, clock } = opts.services;
	const project = await findProject(opts, opts.projectId);
	const current = { name: project.name, description: project.description, status: project.status, startDate: project.startDate, dueDate: project.dueDate, hourlyRate: project.hourlyRateMinor === null ? null : minorToInput(project.hourlyRateMinor, opts.workspace.defaultCurrency) };
	const sent = mergeInput(current, opts.input);
	if (sent.clientId !== undefined && sent.clientId !== project.clientId) {
		throw new AppError('validation_failed', "A project's client can't be changed.", { fields: { clientId: "A project stays with the client it was created for. Create a new project for another client." } });
	}
	const { hourlyRate, ...input } = parseInput(projectFields, sent);
	const rate = hourlyRateMinor(hourlyRate, opts.workspace.defaultCurrency);
	const now = clock.now();
	const statusChanged = input.status !== project.status;
	const completedAt = input.status !== 'complete' ? null : statusChanged ? now : project.completedAt;
	const statusNote = statusChanged ? `: ${PROJECT_STATUS_LABELS[project.status]} → ${PROJECT_STATUS_LABELS[input.status]}` : '';
	await db.batch([
		db.update(projects).set({ ...input, hourlyRateMinor: rate, completedAt, updatedAt: now }).where(eq(projects.id, project.id)),
		activityInsert(opts, {
			verb: statusChanged ? 'project.status_changed' : 'project.updated',
			clientId: project.clientId,
			projectId: project.id,
			subjectType: 'project',
			subjectId: project.id,
			summary: `${staff.name} edited the project ${input.name}${statusNote}`
		})
	]);
}
