import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireOwner } from '../actor';
import type { Scope } from '../scope';

/** Owners remove the logo: the portal, emails and PDFs show the name instead. */
export async function removeLogo(opts: Scope) {
	const owner = requireOwner(opts.actor);
	const { services, workspace } = opts;
	if (!workspace.logoKey) return { removed: false };
	const db = services.db;
	await db.batch([
		db
			.update(workspaces)
			.set({
				logoKey: null,
				logoContentType: null,
				logoLuminance: null,
				logoHasName: false,
				updatedAt: services.clock.now()
			})
			.where(eq(workspaces.id, workspace.id)),
		activityInsert(opts, {
			verb: 'branding.logo_removed',
			summary: `${owner.name} removed the logo`,
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
	services.defer(services.storage.delete(workspace.logoKey));
	return { removed: true };
}
