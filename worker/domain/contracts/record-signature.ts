import { exists, type SQL } from 'drizzle-orm';
import { activity, contractEvents, contractSignatures, contracts, type ContractStatus } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { activityValues } from '../activity/record-activity';
import type { Scope } from '../scope';
import { auditSource, type AuditSource } from './audit';
import {
	renderContractPdf,
	signedPdfKey,
	type EventRow,
	type RenderSignedPdf,
	type SignatureRow,
	type SignedPdfSource
} from './produce-signed-pdf';
import { parseSignatureImage } from './signature-image';

type SignatureInput = { method: 'typed'; typedName: string } | { method: 'drawn'; signatureImage: string };

/**
 * The one signing step shared by the client's signature and the staff
 * countersignature. The PDF of the new stage (with this signature and its audit
 * event) is rendered and stored in R2, with a drawn image, *before* anything
 * is committed; then the signature, the audit event, the activity line and the
 * contract update are one batch guarded by `guard` (the contract still in the
 * state the caller checked). A contract never reaches a stage without its PDF:
 * if rendering or storing fails nothing is recorded, and if the batch loses a
 * race the stored objects are deleted and `null` is returned for the caller to
 * word the conflict.
 */
export async function recordSignature(
	opts: Scope & {
		source: SignedPdfSource;
		documentHash: string;
		input: SignatureInput;
		signer: { kind: SignatureRow['signerKind']; id: string; name: string; email: string };
		stage: Extract<ContractStatus, 'signed' | 'countersigned'>;
		guard: SQL;
		/** The contract's new columns at `now` (the signing time). */
		update: (now: number) => Partial<typeof contracts.$inferInsert>;
		summary: string;
		audit?: AuditSource;
		render?: RenderSignedPdf;
	}
): Promise<{ bytes: Uint8Array } | null> {
	const { services, workspace, source, documentHash, input, signer, stage } = opts;
	const db = services.db;
	const { contract } = source;
	const image = input.method === 'drawn' ? await parseSignatureImage(input.signatureImage) : null;
	const now = services.clock.now();
	const origin = auditSource(opts.audit);
	const signatureId = newId('sig');
	const imageKey = image ? `contracts/${contract.id}/signature-${signatureId}.png` : null;
	const signature: SignatureRow = {
		id: signatureId,
		workspaceId: workspace.id,
		contractId: contract.id,
		signerKind: signer.kind,
		signerId: signer.id,
		signerName: signer.name,
		signerEmail: signer.email,
		method: input.method,
		typedName: input.method === 'typed' ? input.typedName : null,
		drawnImageKey: imageKey,
		documentHash,
		...origin,
		signedAt: now
	};
	const event: EventRow = {
		id: newId('cev'),
		workspaceId: workspace.id,
		contractId: contract.id,
		event: stage,
		actorKind: signer.kind,
		actorId: signer.id,
		actorName: signer.name,
		...origin,
		documentHash,
		viewCount: null,
		lastViewedAt: null,
		createdAt: now
	};

	const bytes = await renderContractPdf({
		services,
		workspace,
		render: opts.render,
		source: { ...source, signatures: [...source.signatures, signature], events: [...source.events, event] },
		status: stage,
		documentHash,
		images: image && imageKey ? new Map([[imageKey, image]]) : undefined
	});
	const pdfKey = signedPdfKey(contract.id, signatureId);
	const stored = [pdfKey, ...(imageKey ? [imageKey] : [])];
	const removeStored = () => Promise.allSettled(stored.map((key) => services.storage.delete(key)));
	try {
		if (image && imageKey)
			await services.storage.put(imageKey, image, { contentType: 'image/png', size: image.length });
		await services.storage.put(pdfKey, bytes, { contentType: 'application/pdf', size: bytes.length });
	} catch (error) {
		await removeStored();
		throw error;
	}

	const pending = exists(db.select({ one: contracts.id }).from(contracts).where(opts.guard));
	const results = await db.batch([
		insertWhere(db, contractSignatures, signature, pending),
		insertWhere(db, contractEvents, event, pending),
		insertWhere(
			db,
			activity,
			activityValues(opts, {
				verb: `contract.${stage}`,
				summary: opts.summary,
				clientId: contract.clientId,
				projectId: contract.projectId,
				subjectType: 'contract',
				subjectId: contract.id
			}),
			pending
		),
		db
			.update(contracts)
			.set({ ...opts.update(now), signedPdfKey: pdfKey, updatedAt: now })
			.where(opts.guard)
			.returning({ id: contracts.id })
	]);
	if (results[3].length === 0) {
		await removeStored();
		return null;
	}
	return { bytes };
}
