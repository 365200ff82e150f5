import { and, eq, exists } from 'drizzle-orm';
import { activity, contractEvents, contractSignatures, contracts } from '../../../db/schema';
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
import { readSignedPdfSource, renderContractPdf, signedPdfFilename, signedPdfKey, type EventRow, type RenderSignedPdf, type SignatureRow } from './produce-signed-pdf';
import { parseSignatureImage } from './signature-image';
import { signatureInputSchema, withMethod } from './signature-input';

const countersignSchema = signatureInputSchema('countersign');

/**
 * Staff countersign a contract the client has signed, when it requires it
 * (`contracts.requireCountersignature`: the workspace's "We countersign"
 * default, or what was chosen for this contract). A typed name or a drawn
 * signature, with consent, like the client's. Same rules as signing: the hash
 * of the locked text must match, once only, and the final PDF (both
 * signatures) is rendered and stored, with a drawn image, before the batch that
 * records the countersignature, its audit event and the PDF's key (deleted again
 * if the batch loses a race); then both parties get it.
 */
export async function countersignContract(opts: Scope & { contractId: string; input: unknown; audit?: AuditSource; render?: RenderSignedPdf }) {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const input = parseInput(countersignSchema, withMethod(opts.input));
	const image = input.method === 'drawn' ? await parseSignatureImage(input.signatureImage) : null;
	const scoped = and(staffScope(contracts, opts), eq(contracts.id, opts.contractId))!;
	const source = await readSignedPdfSource({ ...opts, where: scoped });
	if (!source) throw notFound('That contract');
	const { contract } = source;
	if (contract.status !== 'signed' || !contract.requireCountersignature) {
		throw new AppError('conflict', contract.status === 'countersigned' ? 'This contract is already countersigned.' : 'Only a contract signed by the client that requires a countersignature can be countersigned.');
	}
	const currentHash = await contractDocumentHash(contract);
	if (contract.documentHash !== currentHash || input.documentHash !== currentHash) throw new AppError('conflict', 'This contract does not match the text the client signed. It cannot be countersigned.');

	const now = services.clock.now();
	const origin = auditSource(opts.audit);
	const signatureId = newId('sig');
	const imageKey = image ? `contracts/${contract.id}/signature-${signatureId}.png` : null;
	const signature: SignatureRow = {
		id: signatureId,
		workspaceId: workspace.id,
		contractId: contract.id,
		signerKind: 'staff',
		signerId: staff.userId,
		signerName: staff.name,
		signerEmail: staff.email,
		method: input.method,
		typedName: input.method === 'typed' ? input.typedName : null,
		drawnImageKey: imageKey,
		documentHash: currentHash,
		...origin,
		signedAt: now
	};
	const event: EventRow = { id: newId('cev'), workspaceId: workspace.id, contractId: contract.id, event: 'countersigned', actorKind: 'staff', actorId: staff.userId, actorName: staff.name, ...origin, documentHash: currentHash, viewCount: null, lastViewedAt: null, createdAt: now };
	const bytes = await renderContractPdf({
		services,
		workspace,
		render: opts.render,
		source: { ...source, signatures: [...source.signatures, signature], events: [...source.events, event] },
		status: 'countersigned',
		documentHash: currentHash,
		images: image && imageKey ? new Map([[imageKey, image]]) : undefined
	});
	const pdfKey = signedPdfKey(contract.id, signature.id);
	const stored = [pdfKey, ...(imageKey ? [imageKey] : [])];
	const removeStored = () => Promise.allSettled(stored.map((key) => services.storage.delete(key)));
	try {
		if (image && imageKey) await services.storage.put(imageKey, image, { contentType: 'image/png', size: image.length });
		await services.storage.put(pdfKey, bytes, { contentType: 'application/pdf', size: bytes.length });
	} catch (error) {
		await removeStored();
		throw error;
	}

	const where = and(scoped, eq(contracts.status, 'signed'), eq(contracts.requireCountersignature, true), eq(contracts.documentHash, currentHash))!;
	const pending = exists(db.select({ one: contracts.id }).from(contracts).where(where));
	const results = await db.batch([
		insertWhere(db, contractSignatures, signature, pending),
		insertWhere(db, contractEvents, event, pending),
		insertWhere(db, activity, activityValues(opts, { verb: 'contract.countersigned', summary: `Countersigned contract "${contract.title}"`, clientId: contract.clientId, projectId: contract.projectId, subjectType: 'contract', subjectId: contract.id }), pending),
		db.update(contracts).set({ status: 'countersigned', countersignedAt: now, signedPdfKey: pdfKey, updatedAt: now }).where(where).returning({ id: contracts.id })
	]);
	if (results[3].length === 0) {
		await removeStored();
		throw new AppError('conflict', 'This contract is already countersigned.');
	}
	const clientSignature = source.signatures.find((s) => s.signerKind === 'client');
	await emailSignedContract(
		opts,
		{ id: contract.id, title: contract.title, clientId: contract.clientId },
		{ filename: signedPdfFilename(contract.title), bytes },
		{ stage: 'countersigned', client: { contactId: clientSignature?.signerId ?? '', name: clientSignature?.signerName ?? source.clientName }, clientName: source.clientName, staff: { name: staff.name } }
	);
	return { id: contract.id, status: 'countersigned' as const };
}
