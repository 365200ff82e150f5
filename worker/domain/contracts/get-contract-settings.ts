import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';

/** Settings -> Contracts: whether new contracts need the workspace's countersignature ("We countersign"). */
export async function getContractSettings(scope: Scope) {
	const staff = requireStaff(scope.actor);
	// Read again: after a form action on this request, the request's copy is out of date.
	const row = await scope.services.db
		.select({ requireCountersignature: workspaces.requireCountersignature })
		.from(workspaces)
		.where(eq(workspaces.id, scope.workspace.id))
		.get();
	return {
		countersign: row?.requireCountersignature ?? scope.workspace.requireCountersignature,
		canEdit: staff.role === 'owner'
	};
}
