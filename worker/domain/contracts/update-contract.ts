import { and, eq, exists } from 'drizzle-orm';
import { activity, contracts } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { activityValues } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { contractEditSchema } from './contract-input';
import { findEditableContract, lockedError } from './editable-contract';

/**
 * Staff edit the title and text (and whether we countersign) before it is signed. Editing a sent contract
 * takes it back to draft (off the portal, its sent hash cleared) until it is
 * sent again, so a client can only ever sign a text that was sent to them.
 * The update is conditional on `locked_at IS NULL`: a signature that lands
 * first wins and the edit is refused.
 */
export async function updateContract(opts: Scope & { contractId: string; input: unknown }) {
	requireStaff(opts.actor);
	const { services } = opts;
	const db = services.db;
	const input = parseInput(contractEditSchema, opts.input);
	const { current, stillEditable: where } = await findEditableContract(opts);
	const now = services.clock.now();
	const results = await db.batch([
		insertWhere(
			db,
			activity,
			activityValues(opts, {
				verb: 'contract.updated',
				summary:
					current.status === 'draft'
						? `Edited contract "${input.title}"`
						: `Edited contract "${input.title}"; it is a draft again until re-sent`,
				clientId: current.clientId,
				projectId: current.projectId,
				subjectType: 'contract',
				subjectId: current.id
			}),
			exists(db.select({ one: contracts.id }).from(contracts).where(where))
		),
		db
			.update(contracts)
			.set({
				title: input.title,
				bodyMd: input.bodyMd,
				status: 'draft',
				documentHash: null,
				...(input.requireCountersignature === undefined
					? {}
					: { requireCountersignature: input.requireCountersignature }),
				updatedAt: now
			})
			.where(where)
			.returning({ id: contracts.id })
	]);
	if (results[1].length === 0) {
		const latest = await db
			.select({ status: contracts.status })
			.from(contracts)
			.where(and(staffScope(contracts, opts), eq(contracts.id, current.id)))
			.get();
		throw lockedError(latest?.status ?? 'signed');
	}
	return { id: current.id, status: 'draft' as const };
}
