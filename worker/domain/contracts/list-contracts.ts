import { and, desc, eq } from 'drizzle-orm';
import { clients, CONTRACT_STATUSES, contracts } from '../../../db/schema';
import { listQuery, type ListInput } from '../list-filters';
import { limitOffset, toPage } from '../pagination';
import type { Scope } from '../scope';
import { contractScope } from './get-contract';

/** The statuses the list can be filtered by (`?status=` of the page and the API). */
export { CONTRACT_STATUSES };

/**
 * A page of contracts, newest first: staff see all (optionally one client's or one status); a
 * client the ones sent to them. `input` is the query: page, pageSize, status, clientId.
 */
export async function listContracts(opts: Scope & { clientId?: string; input?: ListInput }) {
	const { page, status, clientId } = listQuery(opts.input, { statuses: CONTRACT_STATUSES, clientId: opts.clientId });
	const { limit, offset } = limitOffset(page);
	const rows = await opts.services.db
		.select({
			id: contracts.id,
			title: contracts.title,
			status: contracts.status,
			clientId: contracts.clientId,
			clientName: clients.name,
			sentAt: contracts.sentAt,
			signedAt: contracts.signedAt,
			requireCountersignature: contracts.requireCountersignature,
			createdAt: contracts.createdAt,
			updatedAt: contracts.updatedAt
		})
		.from(contracts)
		.innerJoin(clients, eq(clients.id, contracts.clientId))
		.where(
			and(
				contractScope(opts),
				clientId ? eq(contracts.clientId, clientId) : undefined,
				status ? eq(contracts.status, status) : undefined
			)
		)
		.orderBy(desc(contracts.updatedAt), desc(contracts.id))
		.limit(limit)
		.offset(offset);
	return { ...toPage(rows, page), status: status ?? null };
}
