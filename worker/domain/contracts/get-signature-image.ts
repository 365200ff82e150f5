import { and, eq, isNotNull } from 'drizzle-orm';
import { contractSignatures, contracts } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { contractScope } from './get-contract';

/** The PNG of a drawn signature, for the contract page; only for someone who may read the contract. */
export async function getSignatureImage(opts: Scope & { contractId: string; signatureId: string }) {
	const row = await opts.services.db
		.select({ key: contractSignatures.drawnImageKey })
		.from(contractSignatures)
		.innerJoin(contracts, eq(contracts.id, contractSignatures.contractId))
		.where(
			and(
				contractScope(opts),
				eq(contracts.id, opts.contractId),
				eq(contractSignatures.id, opts.signatureId),
				isNotNull(contractSignatures.drawnImageKey)
			)
		)
		.get();
	const bytes = row?.key ? await opts.services.storage.getBytes(row.key) : null;
	if (!bytes) throw notFound('That signature');
	return bytes;
}
