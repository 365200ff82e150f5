import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { parseInput } from '../errors';
import type { Scope } from '../scope';
import { brandingSchema } from './branding-input';
import { brandColorWarnings } from './contrast-warnings';

/**
 * Owners set the portal name, colours, welcome message and email sender name.
 * Low contrast is saved with a warning, not refused: it is their brand.
 */
export async function updateBranding(opts: Scope & { input: unknown }) {
	const owner = requireOwner(opts.actor);
	const input = parseInput(brandingSchema, opts.input);
	const { services, workspace } = opts;
	const db = services.db;
	await db.batch([
		db
			.update(workspaces)
			.set({ ...input, updatedAt: services.clock.now() })
			.where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, {
			verb: 'branding.updated',
			summary: `${owner.name} updated the portal branding`,
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
	return { branding: input, warnings: brandColorWarnings(input) };
}
