import { and, eq, exists, inArray, isNull } from 'drizzle-orm';
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
import { readSignedPdfSource, renderContractPdf, signedPdfFilename, signedPdfKey, type EventRow, type RenderSignedPdf, type SignatureRow } from './produce-signed-pdf';
import { parseSignatureImage } from './signature-image';
import { signatureInputSchema } from './signature-input';
import { lockedError } from './update-contract';

const signSchema = signatureInputSchema('sign');

/**
 * The client signs the exact text they read. The request carries the hash of
 * the text shown; it must equal both the hash recorded when the contract was
 * sent and the hash of the text stored now, so an edit (or tampering) in
 * between is refused. The signed PDF is rendered and stored in R2 *before*
 * anything is committed; then the signature, the audit event, the lock and
 * the PDF's key are one conditional batch (status still sent/viewed, not
 * locked, same hash): a contract is signed once, and never without its PDF.
 * If rendering or storing fails, nothing is signed and the client can try
 * again; if the batch loses a race, the stored objects are deleted. Then the
 * PDF is emailed to both parties (or, if a countersignature is required, the
 * staff are asked).
 */
export async function signContract(opts: Scope & { contractId: string; input: unknown; audit?: AuditSource; render?: RenderSignedPdf }) {
	const client = requireClient(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const input = parseInput(signSchema, opts.input);
	const image = input.method === 'drawn' ? await parseSignatureImage(input.signatureImage) : null;

	const scoped = and(clientScope(contracts, opts), eq(contracts.id, opts.contractId))!;
	const source = await readSignedPdfSource({ ...opts, where: and(scoped, inArray(contracts.status, [...SIGNABLE, 'signed', 'countersigned', 'void']))! });
	if (!source) throw notFound('That contract');
	const { contract } = source;
	if (contract.lockedAt || !SIGNABLE.includes(contract.status)) throw lockedError(contract.status);
	const currentHash = await contractDocumentHash(contract);
	if (contract.documentHash !== currentHash) throw new AppError('conflict', 'This contract does not match the version that was sent, so it cannot be signed. Please contact us.');
	if (input.documentHash !== currentHash) throw new AppError('conflict', 'This contract changed since you opened it. Please read the current version and sign again.');

	const now = services.clock.now();
	const origin = auditSource(opts.audit);
	const signatureId = newId('sig');
	const imageKey = image ? `contracts/${contract.id}/signature-${signatureId}.png` : null;
	const signature: SignatureRow = {
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
		...origin,
		signedAt: now
	};
	const event: EventRow = { id: newId('cev'), workspaceId: workspace.id, contractId: contract.id, event: 'signed', actorKind: 'client', actorId: client.contactId, actorName: client.name, ...origin, documentHash: currentHash, viewCount: null, lastViewedAt: null, createdAt: now };

	const bytes = await renderContractPdf({
		services,
		workspace,
		render: opts.render,
		source: { ...source, signatures: [...source.signatures, signature], events: [...source.events, event] },
		status: 'signed',
		documentHash: currentHash,
		images: image && imageKey ? new Map([[imageKey, image]]) : undefined
	});
	const pdfKey = signedPdfKey(contract.id, signatureId);
	const stored = [pdfKey, ...(imageKey ? [imageKey] : [])];
	const removeStored = () => Promise.allSettled(stored.map((key) => services.storage.delete(key)));
	try {
		if (image && imageKey) await services.storage.put(imageKey, image, { contentType: 'image/png', size: image.length });
		await services.storage.put(pdfKey, bytes, { contentType: 'application/pdf', size: bytes.length });
	} catch (error) {
		await removeStored();
		throw error;
	}

	const where = and(scoped, inArray(contracts.status, SIGNABLE), isNull(contracts.lockedAt), eq(contracts.documentHash, currentHash))!;
	const unsigned = exists(db.select({ one: contracts.id }).from(contracts).where(where));
	const results = await db.batch([
		insertWhere(db, contractSignatures, signature, unsigned),
		insertWhere(db, contractEvents, event, unsigned),
		insertWhere(db, activity, activityValues(opts, { verb: 'contract.signed', summary: `Signed contract "${contract.title}"`, clientId: contract.clientId, projectId: contract.projectId, subjectType: 'contract', subjectId: contract.id }), unsigned),
		db.update(contracts).set({ status: 'signed', signedAt: now, lockedAt: now, signedPdfKey: pdfKey, updatedAt: now }).where(where).returning({ id: contracts.id })
	]);
	if (results[3].length === 0) {
		await removeStored();
		const latest = await db.select({ status: contracts.status }).from(contracts).where(scoped).get();
		if (latest && SIGNABLE.includes(latest.status)) throw new AppError('conflict', 'This contract changed since you opened it. Please read the current version and sign again.');
		throw lockedError(latest?.status ?? 'signed');
	}

	const ref = { id: contract.id, title: contract.title, clientId: contract.clientId };
	const signers = { client: { contactId: client.contactId, name: client.name }, clientName: source.clientName };
	if (contract.requireCountersignature) {
		await emailCountersignNeeded(opts, ref, signers);
		return { id: contract.id, status: 'signed' as const, awaitingCountersignature: true };
	}
	await emailSignedContract(opts, ref, { filename: signedPdfFilename(contract.title), bytes }, { ...signers, stage: 'signed' });
	return { id: contract.id, status: 'signed' as const, awaitingCountersignature: false };
}
