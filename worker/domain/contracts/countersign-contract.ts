import { and, eq, exists } from 'drizzle-orm';
import { z } from 'zod';
import { activity, clientContacts, contractEvents, contractSignatures, contracts } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { activityValues } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { auditSource, type AuditSource } from './audit';
import { contractDocumentHash } from './contract-status';
import { emailSignedContract } from './notify';
import { produceSignedPdf } from './produce-signed-pdf';
import { consentField } from './sign-contract';

const countersignSchema = z.object({
	typedName: z.string({ error: 'Type your full name to countersign.' }).trim().min(2, 'Type your full name to countersign.').max(120, 'Keep your name under 120 characters.'),
	consent: consentField,
	documentHash: z.string().regex(/^[0-9a-f]{64}$/, 'Reload the contract and try again.')
});

/**
 * Staff countersign a contract the client has signed, when the workspace
 * requires it (workspaces.requireCountersignature, fixed on the contract when
 * it was sent). Same rules as signing: the hash of the locked text must match,
 * once only; then both parties get the final signed PDF.
 */
export async function countersignContract(opts: Scope & { contractId: string; input: unknown; audit?: AuditSource }) {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const input = parseInput(countersignSchema, opts.input);
	const contract = await db.select().from(contracts).where(and(staffScope(contracts, opts), eq(contracts.id, opts.contractId))).get();
	if (!contract) throw notFound('That contract');
	if (contract.status !== 'signed' || !contract.requireCountersignature) {
		throw new AppError('conflict', contract.status === 'countersigned' ? 'This contract is already countersigned.' : 'Only a contract signed by the client that requires a countersignature can be countersigned.');
	}
	const currentHash = await contractDocumentHash(contract);
	if (contract.documentHash !== currentHash || input.documentHash !== currentHash) throw new AppError('conflict', 'This contract does not match the text the client signed. It cannot be countersigned.');

	const now = services.clock.now();
	const source = auditSource(opts.audit);
	const where = and(staffScope(contracts, opts), eq(contracts.id, contract.id), eq(contracts.status, 'signed'), eq(contracts.requireCountersignature, true), eq(contracts.documentHash, currentHash))!;
	const pending = exists(db.select({ one: contracts.id }).from(contracts).where(where));
	const results = await db.batch([
		insertWhere(
			db,
			contractSignatures,
			{ id: newId('sig'), workspaceId: workspace.id, contractId: contract.id, signerKind: 'staff', signerId: staff.userId, signerName: staff.name, signerEmail: staff.email, method: 'typed', typedName: input.typedName, documentHash: currentHash, ...source, signedAt: now },
			pending
		),
		insertWhere(db, contractEvents, { id: newId('cev'), workspaceId: workspace.id, contractId: contract.id, event: 'countersigned', actorKind: 'staff', actorId: staff.userId, actorName: staff.name, ...source, documentHash: currentHash, createdAt: now }, pending),
		insertWhere(db, activity, activityValues(opts, { verb: 'contract.countersigned', summary: `Countersigned contract "${contract.title}"`, clientId: contract.clientId, projectId: contract.projectId, subjectType: 'contract', subjectId: contract.id }), pending),
		db.update(contracts).set({ status: 'countersigned', countersignedAt: now, updatedAt: now }).where(where).returning({ id: contracts.id })
	]);
	if (results[3].length === 0) throw new AppError('conflict', 'This contract is already countersigned.');
	const pdf = await produceSignedPdf(opts);
	const signer = await db
		.select({ id: clientContacts.id })
		.from(contractSignatures)
		.innerJoin(clientContacts, eq(clientContacts.id, contractSignatures.signerId))
		.where(and(eq(contractSignatures.contractId, contract.id), eq(contractSignatures.signerKind, 'client'), eq(contractSignatures.workspaceId, workspace.id)))
		.get();
	await emailSignedContract(opts, { id: contract.id, title: contract.title, clientId: contract.clientId }, pdf, { signerContactId: signer?.id ?? '', stage: 'countersigned' });
	return { id: contract.id, status: 'countersigned' as const };
}
