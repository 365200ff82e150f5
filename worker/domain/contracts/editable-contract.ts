import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { contracts } from '../../../db/schema';
import { AppError, notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { EDITABLE_CONTRACT } from './contract-status';

/** Refusal for any change to a signed (locked) or void contract. */
export function lockedError(status: string) {
	return new AppError(
		'conflict',
		status === 'void'
			? 'This contract is void and can no longer change.'
			: 'This contract has been signed. Its text is locked and can never change.'
	);
}

/**
 * The staff's contract, refused unless it can still change (not signed, not void), and the
 * condition a write must re-check in its own statement (`stillEditable`): a signature that
 * lands between this read and the write wins, and the write changes nothing.
 */
export async function findEditableContract(
	opts: Scope & { contractId: string }
): Promise<{ current: typeof contracts.$inferSelect; stillEditable: SQL }> {
	const current = await opts.services.db
		.select()
		.from(contracts)
		.where(and(staffScope(contracts, opts), eq(contracts.id, opts.contractId)))
		.get();
	if (!current) throw notFound('That contract');
	if (current.lockedAt || !EDITABLE_CONTRACT.includes(current.status)) throw lockedError(current.status);
	const stillEditable = and(
		staffScope(contracts, opts),
		eq(contracts.id, current.id),
		inArray(contracts.status, EDITABLE_CONTRACT),
		isNull(contracts.lockedAt)
	)!;
	return { current, stillEditable };
}
