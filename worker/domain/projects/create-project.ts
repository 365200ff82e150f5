import { projects } from '../../../db/schema';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { clientByIdQuery } from '../clients/find-client';
import { AppError, parseInput } from '../errors';
import type { Scope } from '../scope';
import { hourlyRateMinor, newProjectFields } from './project-input';

/** Creates a project for an active client of the workspace (staff only). */
export async function createProject(opts: Scope & { input: unknown }): Promise<{ id: string }> {
	const staff = requireStaff(opts.actor);
	const input = parseInput(newProjectFields, opts.input);
	const rate = hourlyRateMinor(input.hourlyRate, opts.workspace.defaultCurrency);
	const { db, clock } = opts.services;
	const [client] = await clientByIdQuery(opts, input.clientId);
	if (!client)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { clientId: 'Choose a client.' }
		});
	if (client.archivedAt) {
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { clientId: `${client.name} is archived. Restore the client first, or choose another.` }
		});
	}
	const now = clock.now();
	const id = newId('prj');
	await db.batch([
		db.insert(projects).values({
			id,
			workspaceId: opts.workspace.id,
			clientId: client.id,
			name: input.name,
			description: input.description,
			status: input.status,
			startDate: input.startDate,
			dueDate: input.dueDate,
			hourlyRateMinor: rate,
			createdByUserId: staff.userId,
			completedAt: input.status === 'complete' ? now : null,
			createdAt: now,
			updatedAt: now
		}),
		activityInsert(opts, {
			verb: 'project.created',
			clientId: client.id,
			projectId: id,
			subjectType: 'project',
			subjectId: id,
			summary: `${staff.name} created the project ${input.name} for ${client.name}`
		})
	]);
	return { id };
}
