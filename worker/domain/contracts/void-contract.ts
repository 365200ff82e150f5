import { exists } from 'drizzle-orm';
import { activity, contractEvents, contracts } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { activityValues } from '../activity/record-activity';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { auditSource, type AuditSource } from './audit';
import { findEditableContract, lockedError } from './editable-contract';

/** Staff withdraw an unsigned contract; it can no longer be signed. A signed contract cannot be voided here. */
export async function voidContract(opts: Scope & { contractId: string; audit?: AuditSource }) {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const { current, stillEditable: where } = await findEditableContract(opts);
	const now = services.clock.now();
	const still = exists(db.select({ one: contracts.id }).from(contracts).where(where));
	const results = await db.batch([
		insertWhere(
			db,
			contractEvents,
			{
				id: newId('cev'),
				workspaceId: workspace.id,
				contractId: current.id,
				event: 'voided',
				actorKind: 'staff',
				actorId: staff.userId,
				actorName: staff.name,
				...auditSource(opts.audit),
				documentHash: current.documentHash,
				createdAt: now
			},
			still
		),
		insertWhere(
			db,
			activity,
			activityValues(opts, {
				verb: 'contract.voided',
				summary: `Voided contract "${current.title}"`,
				clientId: current.clientId,
				projectId: current.projectId,
				subjectType: 'contract',
				subjectId: current.id
			}),
			still
		),
		db.update(contracts).set({ status: 'void', updatedAt: now }).where(where).returning({ id: contracts.id })
	]);
	if (results[2].length === 0) throw lockedError('signed');
	return { id: current.id };
}
