import { and, eq, exists, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { activity, contractEvents, contractSignatures, contracts } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { activityValues } from '../activity/record-activity';
import { requireClient } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { auditSource, type AuditSource } from './audit';
import { contractDocumentHash, SIGNABLE } from './contract-status';
import { emailCountersignNeeded, emailSignedContract } from './notify';
import { produceSignedPdf } from './produce-signed-pdf';
import { parseSignatureImage } from './signature-image';
import { lockedError } from './update-contract';

export const consentField = z.union([z.literal(true), z.literal('on'), z.literal('true')], { error: 'Tick the box to agree to sign electronically.' });

const signSchema = z.discriminatedUnion(
	'method',
	[
		z.object({
			method: z.literal('typed'),
			typedName: z.string({ error: 'Type your full name to sign.' }).trim().min(2, 'Type your full name to sign.').max(120, 'Keep your name under 120 characters.'),
			consent: consentField,
			documentHash: z.string().regex(/^[0-9a-f]{64}$/, 'Reload the contract and try again.')
		}),
		z.object({
			method: z.literal('drawn'),
			signatureImage: z.string({ error: 'Draw your signature in the box.' }),
			consent: consentField,
			documentHash: z.string().regex(/^[0-9a-f]{64}$/, 'Reload the contract and try again.')
		})
	],
	{ error: 'Choose to type or draw your signature.' }
);

/**
 * The client signs the exact text they read. The request carries the hash of
 * the text shown; it must equal both the hash recorded when the contract was
 * sent and the hash of the text stored now, so an edit (or tampering) in
 * between is refused. The signature, the audit event and the lock are one
 * conditional batch (status still sent/viewed, not locked, same hash): a
 * contract is signed once. Then the signed PDF is produced and emailed to
 * both parties (or, if a countersignature is required, the staff are asked).
 */
export async function signContract(opts: Scope & { contractId: string; input: unknown; audit?: AuditSource }) {
	const client = requireClient(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const input = parseInput(signSchema, opts.input);
	const image = input.method === 'drawn' ? await parseSignatureImage(input.signatureImage) : null;

	const contract = await db
		.select()
		.from(contracts)
		.where(and(clientScope(contracts, opts), eq(contracts.id, opts.contractId), inArray(contracts.status, [...SIGNABLE, 'signed', 'countersigned', 'void'])))
		.get();
	if (!contract) throw notFound('That contract');
	if (contract.lockedAt || !SIGNABLE.includes(contract.status)) throw lockedError(contract.status);
	const currentHash = await contractDocumentHash(contract);
	if (contract.documentHash !== currentHash) throw new AppError('conflict', 'This contract does not match the version that was sent, so it cannot be signed. Please contact us.');
	if (input.documentHash !== currentHash) throw new AppError('conflict', 'This contract changed since you opened it. Please read the current version and sign again.');

	const now = services.clock.now();
	const source = auditSource(opts.audit);
	const signatureId = newId('sig');
	const imageKey = image ? `contracts/${contract.id}/signature-${signatureId}.png` : null;
	if (image && imageKey) await services.storage.put(imageKey, image, { contentType: 'image/png', size: image.length });

	const where = and(clientScope(contracts, opts), eq(contracts.id, contract.id), inArray(contracts.status, SIGNABLE), isNull(contracts.lockedAt), eq(contracts.documentHash, currentHash))!;
	const unsigned = exists(db.select({ one: contracts.id }).from(contracts).where(where));
	const results = await db.batch([
		insertWhere(
			db,
			contractSignatures,
			{
				id: signatureId,
				workspaceId: workspace.id,
				contractId: contract.id,
				signerKind: 'client',
				signerId: client.contactId,
				signerName: client.name,
				signerEmail: client.email,
				method: input.method,
				typedName: input.method === 'typed' ? input.typedName : null,
				drawnImageKey: imageKey,
				documentHash: currentHash,
				...source,
				signedAt: now
			},
			unsigned
		),
		insertWhere(db, contractEvents, { id: newId('cev'), workspaceId: workspace.id, contractId: contract.id, event: 'signed', actorKind: 'client', actorId: client.contactId, actorName: client.name, ...source, documentHash: currentHash, createdAt: now }, unsigned),
		insertWhere(db, activity, activityValues(opts, { verb: 'contract.signed', summary: `Signed contract "${contract.title}"`, clientId: contract.clientId, projectId: contract.projectId, subjectType: 'contract', subjectId: contract.id }), unsigned),
		db.update(contracts).set({ status: 'signed', signedAt: now, lockedAt: now, updatedAt: now }).where(where).returning({ id: contracts.id })
	]);
	if (results[3].length === 0) {
		if (imageKey) await services.storage.delete(imageKey);
		const latest = await db.select({ status: contracts.status }).from(contracts).where(and(clientScope(contracts, opts), eq(contracts.id, contract.id))).get();
		if (latest && SIGNABLE.includes(latest.status)) throw new AppError('conflict', 'This contract changed since you opened it. Please read the current version and sign again.');
		throw lockedError(latest?.status ?? 'signed');
	}

	const ref = { id: contract.id, title: contract.title, clientId: contract.clientId };
	if (contract.requireCountersignature) {
		await produceSignedPdf(opts);
		await emailCountersignNeeded(opts, ref, { signerContactId: client.contactId, signerName: client.name });
		return { id: contract.id, status: 'signed' as const, awaitingCountersignature: true };
	}
	const pdf = await produceSignedPdf(opts);
	await emailSignedContract(opts, ref, pdf, { signerContactId: client.contactId, stage: 'signed' });
	return { id: contract.id, status: 'signed' as const, awaitingCountersignature: false };
}
