import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { AppError, parseInput } from '../errors';
import type { Scope } from '../scope';
import { flagInput } from './flag-input';

const schema = z.object({ countersign: flagInput('Choose whether you countersign contracts.') });

/**
 * Owners choose whether the workspace countersigns: the default of every new
 * contract (each contract can still say otherwise before it is sent). Contracts
 * already sent keep what they were sent with, so nobody's signature changes meaning.
 */
export async function updateContractSettings(opts: Scope & { input: unknown }) {
	const owner = requireOwner(opts.actor);
	const { countersign } = parseInput(schema, opts.input);
	if (countersign === undefined)
		throw new AppError('validation_failed', 'Choose whether you countersign contracts.', {
			fields: { countersign: 'Choose whether you countersign contracts.' }
		});
	const { services, workspace } = opts;
	await services.db.batch([
		services.db
			.update(workspaces)
			.set({ requireCountersignature: countersign, updatedAt: services.clock.now() })
			.where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, {
			verb: 'workspace.updated',
			summary: countersign
				? `${owner.name} turned on countersigning: new contracts need our countersignature`
				: `${owner.name} turned off countersigning for new contracts`,
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
	return { countersign };
}
