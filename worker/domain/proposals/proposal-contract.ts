import { and, eq } from 'drizzle-orm';
import { contractEvents, contracts, type ContractStatus } from '../../../db/schema';
import { formatDate } from '../format';
import { newId } from '../../services/ids';
import type { Scope } from '../scope';
import { contractDocumentHash } from '../contracts/contract-status';
import { fillTemplate } from '../contracts/contract-input';

type ContractRow = Pick<typeof contracts.$inferSelect, 'id' | 'title' | 'bodyMd' | 'status' | 'lockedAt'>;

/**
 * A linked contract still in draft is sent along with its quote (the client reads it before
 * accepting and signs it on the same path): hashed and stamped exactly as `sendContract` does,
 * conditional on the draft being exactly the text that was hashed, for the quote's own batch.
 * Returns no statements when the contract is already out.
 */
export async function sendLinkedContractStatements(scope: Scope, contract: ContractRow, now: number) {
	if (contract.status !== 'draft' || contract.lockedAt) return [];
	const db = scope.services.db;
	const hash = await contractDocumentHash(contract);
	const actor = scope.actor.kind === 'staff' ? scope.actor : null;
	const where = and(
		eq(contracts.id, contract.id),
		eq(contracts.workspaceId, scope.workspace.id),
		eq(contracts.status, 'draft'),
		eq(contracts.title, contract.title),
		eq(contracts.bodyMd, contract.bodyMd)
	)!;
	return [
		// Whether we countersign was chosen on the contract when it was created (as sendContract leaves it).
		db.update(contracts).set({ status: 'sent', documentHash: hash, sentAt: now, updatedAt: now }).where(where),
		db.insert(contractEvents).values({
			id: newId('cev'),
			workspaceId: scope.workspace.id,
			contractId: contract.id,
			event: 'sent',
			actorKind: 'staff',
			actorId: actor?.userId ?? null,
			actorName: actor?.name ?? null,
			documentHash: hash,
			createdAt: now
		})
	];
}

/**
 * The contract a proposal generates from its template on acceptance: the template's text with
 * the placeholders filled, already sent (hashed, `sent` event) so the client signs it next.
 */
export async function generatedContract(
	scope: Scope,
	opts: {
		template: { name: string; bodyMd: string };
		clientId: string;
		clientName: string;
		projectId: string;
		quoteId: string;
		quoteLabel: string;
		now: number;
	}
) {
	const { workspace } = scope;
	const id = newId('ctr');
	const title = `${opts.template.name} (${opts.quoteLabel})`.slice(0, 200);
	const bodyMd = fillTemplate(opts.template.bodyMd, {
		clientName: opts.clientName,
		workspaceName: workspace.displayName ?? workspace.name,
		date: formatDate(opts.now)
	});
	const hash = await contractDocumentHash({ title, bodyMd });
	const row = {
		id,
		workspaceId: workspace.id,
		clientId: opts.clientId,
		projectId: opts.projectId,
		quoteId: opts.quoteId,
		title,
		bodyMd,
		status: 'sent' as ContractStatus,
		documentHash: hash,
		requireCountersignature: workspace.requireCountersignature,
		sentAt: opts.now,
		createdAt: opts.now,
		updatedAt: opts.now
	};
	const events = [
		{
			id: newId('cev'),
			workspaceId: workspace.id,
			contractId: id,
			event: 'created' as const,
			actorKind: 'system' as const,
			actorId: null,
			actorName: 'CoPortal',
			createdAt: opts.now
		},
		{
			id: newId('cev'),
			workspaceId: workspace.id,
			contractId: id,
			event: 'sent' as const,
			actorKind: 'system' as const,
			actorId: null,
			actorName: 'CoPortal',
			documentHash: hash,
			createdAt: opts.now
		}
	];
	return { id, row, events };
}
