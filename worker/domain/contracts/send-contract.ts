import { and, eq, exists, isNull } from 'drizzle-orm';
import { activity, clients, contractEvents, contracts } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { activityValues } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { auditSource, type AuditSource } from './audit';
import { contractDocumentHash } from './contract-status';
import { chooseRecipients } from '../notifications/recipients';
import { emailContractForSignature } from './notify';
import { lockedError } from './editable-contract';

/**
 * Sends a draft for signature to the client contacts chosen (`input.recipients`;
 * by default the primary contact and those with portal access): the exact text is hashed (SHA-256) and the hash
 * recorded on the contract and in the audit trail's "sent" event; the client
 * can only sign a text with that hash. Whether we countersign was chosen on
 * the contract (the workspace's default when it was created) and is what the
 * client is shown when signing.
 */
export async function sendContract(opts: Scope & { contractId: string; input?: unknown; audit?: AuditSource }) {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const found = await db
		.select({ contract: contracts, clientName: clients.name })
		.from(contracts)
		.innerJoin(clients, eq(clients.id, contracts.clientId))
		.where(and(staffScope(contracts, opts), eq(contracts.id, opts.contractId)))
		.limit(1);
	if (!found[0]) throw notFound('That contract');
	const { contract, clientName } = found[0];
	if (contract.status !== 'draft') {
		if (contract.lockedAt || contract.status === 'void') throw lockedError(contract.status);
		throw new AppError('conflict', 'This contract has already been sent. Edit it to make changes, then send it again.');
	}
	const recipients = await chooseRecipients(opts, contract.clientId, opts.input);

	const now = services.clock.now();
	const hash = await contractDocumentHash(contract);
	const source = auditSource(opts.audit);
	// Conditional on the draft being exactly the text that was hashed.
	const where = and(
		staffScope(contracts, opts),
		eq(contracts.id, contract.id),
		eq(contracts.status, 'draft'),
		isNull(contracts.lockedAt),
		eq(contracts.title, contract.title),
		eq(contracts.bodyMd, contract.bodyMd)
	)!;
	const stillDraft = exists(db.select({ one: contracts.id }).from(contracts).where(where));
	const results = await db.batch([
		insertWhere(
			db,
			contractEvents,
			{
				id: newId('cev'),
				workspaceId: workspace.id,
				contractId: contract.id,
				event: 'sent',
				actorKind: 'staff',
				actorId: staff.userId,
				actorName: staff.name,
				...source,
				documentHash: hash,
				createdAt: now
			},
			stillDraft
		),
		insertWhere(
			db,
			activity,
			activityValues(opts, {
				verb: 'contract.sent',
				summary: `Sent contract "${contract.title}" to ${clientName} for signature`,
				clientId: contract.clientId,
				projectId: contract.projectId,
				subjectType: 'contract',
				subjectId: contract.id
			}),
			stillDraft
		),
		db
			.update(contracts)
			.set({ status: 'sent', documentHash: hash, sentAt: now, updatedAt: now })
			.where(where)
			.returning({ id: contracts.id })
	]);
	if (results[2].length === 0)
		throw new AppError('conflict', 'This contract changed while it was being sent. Reload it and try again.');
	const sentTo = await emailContractForSignature(
		opts,
		{ id: contract.id, title: contract.title, clientId: contract.clientId, hash },
		recipients
	);
	return { id: contract.id, documentHash: hash, sentTo };
}
