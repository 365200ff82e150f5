import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { clients, contractEvents, contractSignatures, contracts } from '../../../db/schema';
import { pdfBrandOf } from '../branding/pdf-brand';
import { AppError, notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { checkIntegrity, fileSlug, SIGNED } from './contract-status';
import { renderSignedContractPdf } from './signed-pdf';

export const signedPdfFilename = (title: string) => `${fileSlug(title)}-signed.pdf`;

/**
 * Renders the signed PDF from what is stored (text, signatures with their
 * drawn images from R2, audit trail), keeps it in R2 and records its key on
 * the contract. Refuses if the text no longer matches its signed hash.
 */
export async function produceSignedPdf(opts: Scope & { contractId: string }) {
	const { services, workspace } = opts;
	const db = services.db;
	const [found, signatures, events] = await db.batch([
		db
			.select({ contract: contracts, clientName: clients.name })
			.from(contracts)
			.innerJoin(clients, eq(clients.id, contracts.clientId))
			.where(and(clientScope(contracts, opts), eq(contracts.id, opts.contractId), inArray(contracts.status, SIGNED)))
			.limit(1),
		db.select().from(contractSignatures).where(and(eq(contractSignatures.contractId, opts.contractId), eq(contractSignatures.workspaceId, workspace.id))).orderBy(asc(contractSignatures.signedAt), asc(sql`rowid`)),
		db.select().from(contractEvents).where(and(eq(contractEvents.contractId, opts.contractId), eq(contractEvents.workspaceId, workspace.id))).orderBy(asc(contractEvents.createdAt), asc(sql`rowid`))
	]);
	if (!found[0]) throw notFound('That signed contract');
	const { contract, clientName } = found[0];
	const integrity = await checkIntegrity(contract, signatures);
	if (!integrity.ok) throw new AppError('conflict', `This contract's text no longer matches what was signed, so no signed copy can be produced. ${integrity.problems.join(' ')}`);
	const withImages = await Promise.all(
		signatures.map(async (s) => ({ ...s, image: s.drawnImageKey ? await services.storage.getBytes(s.drawnImageKey) : null }))
	);
	const bytes = await renderSignedContractPdf({
		brand: await pdfBrandOf({ services, workspace }),
		contract: { id: contract.id, title: contract.title, bodyMd: contract.bodyMd, documentHash: integrity.computedHash, status: contract.status, requireCountersignature: contract.requireCountersignature, clientName },
		signatures: withImages,
		events,
		generatedAt: services.clock.now()
	});
	const key = `contracts/${contract.id}/signed-${contract.status}.pdf`;
	await services.storage.put(key, bytes, { contentType: 'application/pdf', size: bytes.length });
	await db
		.update(contracts)
		.set({ signedPdfKey: key })
		.where(and(eq(contracts.id, contract.id), eq(contracts.workspaceId, workspace.id), eq(contracts.status, contract.status)));
	return { key, filename: signedPdfFilename(contract.title), bytes, contract: { id: contract.id, title: contract.title, clientId: contract.clientId } };
}
